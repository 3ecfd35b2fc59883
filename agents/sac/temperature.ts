/**
 * SAC's entropy temperature α, learned (Haarnoja et al. 2018, "SAC Algorithms and Applications", §5): log α is
 * trained on J(α) = E[−α·(log π(a|s) + H̄)], i.e. with H = E[−log π] the policy's entropy, on
 *
 *   L(log α) = log α · (H − H̄),   ∂L/∂log α = H − H̄,
 *
 * (SB3's form, which takes the gradient in log α): α falls while the policy is more random than the target
 * entropy H̄ and rises while it is less. One α per discrete branch (each with its own H̄ and H); one for all
 * continuous components (H̄ = −|A|). Adam on log α with the learning rate of the networks, as SB3 and ML-Agents.
 */
import { Adam, type SavedAdam } from '../networks/adam.js';
import { ParameterSet, type SavedParameter } from '../networks/parameters.js';

export interface SavedTemperature {
  readonly logAlpha: SavedParameter[];
  readonly optimizer: SavedAdam;
}

export class Temperature {
  private readonly params = new ParameterSet();
  private readonly optimizer: Adam;

  constructor(
    /** H̄ per component (one per discrete branch, or one for the continuous actions). */
    readonly targetEntropies: readonly number[],
    initialAlpha: number,
  ) {
    this.params.add('log_alpha', [targetEntropies.length], new Float32Array(targetEntropies.length).fill(Math.log(initialAlpha)));
    this.optimizer = new Adam(this.params.variables(), { epsilon: 1e-8 });
  }

  /** Current α per component. */
  get alphas(): number[] {
    return Array.from(this.params.all[0]!.host, (l) => Math.exp(l));
  }

  /** One Adam step on log α given the batch's entropy estimate H per component. */
  update(entropies: readonly number[], learningRate: number): void {
    const grad = Float32Array.from(this.targetEntropies, (target, i) => entropies[i]! - target);
    this.optimizer.applyHost([grad], learningRate, 1);
    this.params.syncHost();
  }

  save(): SavedTemperature {
    return { logAlpha: this.params.save(), optimizer: this.optimizer.save() };
  }

  load(saved: SavedTemperature, where: string): void {
    this.params.load(saved?.logAlpha ?? [], `${where}: log alpha`);
    this.optimizer.load(saved.optimizer, `${where}: optimizer`);
  }

  dispose(): void {
    this.params.dispose();
  }
}

/** H̄ per discrete branch: scale · log(size). */
export function discreteTargetEntropies(branches: readonly number[], scale: number): number[] {
  return branches.map((size) => scale * Math.log(size));
}
