/**
 * Self-play (ML-Agents' ghost trainer): every team of a behavior with `self_play` shares one learner, but only
 * one team learns at a time. The others act with a fixed opponent policy, a copy of the learning policy as it
 * was at some point, and their experience is never trained on.
 *
 * The schedule, checked after every environment step (maybeUpdate), in ML-Agents' order:
 *   1. every `team_change` steps of the learning policy, the next team (in order of first appearance) becomes the
 *      learning team; the open transitions of the old one are dropped, and the opponent is drawn anew;
 *   2. every `save_steps` steps of the learning policy, a snapshot of it goes into the window of the last
 *      `window` snapshots, rated with the learning policy's current ELO;
 *   3. every `swap_steps` steps of the opponents, the opponent is drawn anew: the latest policy with probability
 *      `play_against_latest_model_ratio`, else a snapshot drawn uniformly from the window.
 * ELO: after each episode of a learning agent that ended by the task (not interrupted), the final reward's sign
 * gives the result; the learning policy gains K·(S − E) against the current opponent's rating and the opponent's
 * snapshot loses it. Against the latest policy nothing moves: ML-Agents adds and subtracts the change on the same
 * entry. The rating is reported as `Self-play/ELO` with each update's stats.
 *
 * The opponent is a second learner of the same kind whose policy acts without a sink and is loaded from the
 * drawn snapshot, so acting for the opponents never touches the learning policy, its buffer or its RNGs.
 *
 * With memory (network_settings.memory) the opponent's acting policy keeps its own memory per (environment, agent),
 * apart from the learning team's (another learner's), reset where an agent's episode ends (recurrent-acting.ts).
 * Each swap forgets all of them (Learner.forgetMemories): memories made by one snapshot's LSTM mean nothing to
 * another's, so the opponents start from zeros under the new weights, mid-episode or not. At a team change the
 * learning policy forgets each source as well (forgetSource), so the new learning team starts from zeros too.
 *
 * The meta-learner hands out one view per team (forBehavior), so that acting() knows which team asks; the
 * views share this learner's id, steps and update. Evaluation (`learn: false`) acts with the learning policy for
 * every team.
 */
import { parseBehaviorName, type BehaviorSpec } from '../core/env/behavior-spec.js';
import { ShivaError } from '../core/errors.js';
import type { Rng, RngState } from '../core/runtime/rng.js';
import type { RunSeeds } from '../core/runtime/seeding.js';
import type { Acting, Learner, LearnerState } from '../../agents/plugin/learner.js';
import type { TerminalSteps } from '../core/env/steps.js';
import { eloChange, resultFromFinalReward } from './self-play/elo.js';
import type { SelfPlaySettings } from './self-play/self-play-settings.js';
import { snapshotCodecFor, type SnapshotCodec } from './self-play/snapshot-codec.js';
import { LATEST, SnapshotWindow, type SavedSnapshotWindow } from './self-play/snapshot-window.js';
import type { ExportablePolicy } from '../protocol/onnx/exportable-policy.js';

/** The self-play part of a ghost learner's state; the learning policy's own state sits beside it. */
export interface SavedSelfPlay {
  readonly format: 'shiva-self-play';
  readonly version: 1;
  readonly elo: number;
  /** Teams in the order they take turns learning, and the index of the learning one. */
  readonly teams: readonly number[];
  readonly learningIndex: number;
  readonly opponentIndex: number;
  readonly opponentWeights: unknown;
  readonly ghostSteps: number;
  readonly lastTeamChange: number;
  readonly lastSave: number;
  readonly lastSwap: number;
  readonly window: SavedSnapshotWindow;
  readonly rng: RngState;
}

interface GhostLearnerState extends LearnerState {
  readonly learner: LearnerState;
  readonly selfPlay: SavedSelfPlay;
}

/** Builds the ghost learner of `settings` around two learners made by `create` (the learning one and the opponent). */
export function createGhostLearner(learnerId: string, settings: SelfPlaySettings, create: (learnerId: string) => Learner, seeds: RunSeeds): GhostLearner {
  // The learning policy keeps the plain learner's id, so its seeds (and a run without self-play) are unchanged.
  return new GhostLearner(settings, create(learnerId), create(`${learnerId}/opponent`), seeds.rng(`learner:${learnerId}:self-play`));
}

export class GhostLearner implements Learner {
  private readonly window: SnapshotWindow;
  private readonly codec: SnapshotCodec;
  private readonly views = new Map<string, Learner>();
  private readonly sources = new Set<number>();
  private teams: number[] = [];
  private learningIndex = 0;
  private eloValue: number;
  private opponentIndexValue = LATEST;
  private ghostSteps = 0;
  private lastTeamChange = 0;
  private lastSave = 0;
  private lastSwap = 0;
  /** Opponents drawn in this process's life (not saved): a distributed learner publishes a version when it moves. */
  private swapCount = 0;

  constructor(
    readonly settings: SelfPlaySettings,
    /** The learning policy and its algorithm. */
    readonly learner: Learner,
    /** Acts for the other teams with a snapshot's weights; never learns. */
    readonly opponent: Learner,
    private readonly rng: Rng,
    codec?: SnapshotCodec,
  ) {
    this.codec = codec ?? snapshotCodecFor(learner);
    this.window = new SnapshotWindow(settings.window);
    this.eloValue = settings.initialElo;
    // The initial policy is the first snapshot, and the first opponent is drawn at once.
    this.window.add(this.codec.take(learner), this.eloValue);
    this.swap();
  }

  get id(): string {
    return this.learner.id;
  }

  get trainerType(): string {
    return this.learner.trainerType;
  }

  get spec(): BehaviorSpec {
    return this.learner.spec;
  }

  get steps(): number {
    return this.learner.steps;
  }

  get maxSteps(): number {
    return this.learner.maxSteps;
  }

  get memoryWidth(): number {
    return this.learner.memoryWidth ?? 0;
  }

  /** The learning policy's ELO rating. */
  get elo(): number {
    return this.eloValue;
  }

  /** The team that learns now, or null before any team asked. */
  get learningTeam(): number | null {
    return this.teams[this.learningIndex] ?? null;
  }

  /** The window slot the opponents act with, or LATEST (-1). */
  get opponentIndex(): number {
    return this.opponentIndexValue;
  }

  get snapshotCount(): number {
    return this.window.length;
  }

  /** Opponents drawn so far in this process (each swap and each team change draws one). */
  get swaps(): number {
    return this.swapCount;
  }

  /** ELO of the snapshot in `slot`. */
  snapshotElo(slot: number): number {
    return this.window.at(slot).elo;
  }

  /** This learner as the team of `spec`'s behavior sees it: its decide() acts for that team. */
  forBehavior(spec: BehaviorSpec): Learner {
    let view = this.views.get(spec.name);
    if (!view) {
      const team = parseBehaviorName(spec.name).team;
      if (!this.teams.includes(team)) this.teams.push(team);
      view = new TeamView(this, team, spec);
      this.views.set(spec.name, view);
    }
    return view;
  }

  /** Only the learning team's episodes are the learner's results; the opponents' mirror them. */
  countsEpisodesOf(behavior: string): boolean {
    return parseBehaviorName(behavior).team === this.learningTeam;
  }

  /** As the learning team (a caller that names no team). */
  acting(learn: boolean): Acting {
    return this.actingAs(this.learningTeam ?? 0, learn);
  }

  /**
   * Who acts for `team`'s agents: the learning policy, its transitions recorded (episodes rated first), if the
   * team learns; the opponent, its decisions only counted (they drive swap_steps), otherwise. Evaluation
   * (`learn` false) acts with the learning policy for every team.
   */
  actingAs(team: number, learn: boolean): Acting {
    if (!this.teams.includes(team)) this.teams.push(team);
    if (!learn) return this.learner.acting(false);
    if (team === this.learningTeam) return (this.learningActing ??= this.ratedActing());
    return (this.opponentActing ??= this.countedActing());
  }

  private learningActing: Acting | null = null;
  private opponentActing: Acting | null = null;

  private ratedActing(): Acting {
    const inner = this.learner.acting(true);
    const sink = inner.sink!;
    return {
      policy: inner.policy,
      learning: true,
      sink: {
        endEpisodes: (source, terminal) => {
          this.sources.add(source);
          this.rateFinishedEpisodes(terminal);
          sink.endEpisodes(source, terminal);
        },
        addDecisions: (source, decisions, rows) => {
          this.sources.add(source);
          sink.addDecisions(source, decisions, rows);
        },
      },
    };
  }

  private countedActing(): Acting {
    return {
      policy: this.opponent.acting(false).policy,
      learning: false,
      sink: {
        endEpisodes: (source) => {
          this.sources.add(source);
        },
        addDecisions: (source, decisions) => {
          this.sources.add(source);
          this.ghostSteps += decisions.count;
        },
      },
    };
  }

  forgetSource(source: number): void {
    this.learner.forgetSource(source);
    this.opponent.forgetSource(source);
  }

  maybeUpdate(): Record<string, number> | null {
    const stats = this.learner.maybeUpdate();
    this.advance();
    return stats ? { ...stats, 'Self-play/ELO': this.eloValue } : null;
  }

  /**
   * Population-based training's explore: the learning policy's algorithm takes the new values (the opponent never
   * updates, so its values do not matter; its snapshots are weights only).
   */
  setHyperparameters(values: Readonly<Record<string, number>>, where: string): void {
    if (!this.learner.setHyperparameters) throw new ShivaError('SHIVA_ERR_CONFIG', `${where}: expected a self-play learning policy that takes hyperparameters after creation, got trainer_type ${this.learner.trainerType}, which does not`);
    this.learner.setHyperparameters(values, where);
  }

  /** The learning policy (opponents are its own snapshots). */
  exportPolicy(): ExportablePolicy | null {
    return this.learner.exportPolicy?.() ?? null;
  }

  save(): GhostLearnerState {
    const learner = this.learner.save();
    return {
      trainerType: learner.trainerType,
      steps: learner.steps,
      updates: learner.updates,
      learner,
      selfPlay: {
        format: 'shiva-self-play',
        version: 1,
        elo: this.eloValue,
        teams: [...this.teams],
        learningIndex: this.learningIndex,
        opponentIndex: this.opponentIndexValue,
        opponentWeights: this.codec.take(this.opponent),
        ghostSteps: this.ghostSteps,
        lastTeamChange: this.lastTeamChange,
        lastSave: this.lastSave,
        lastSwap: this.lastSwap,
        window: this.window.save(),
        rng: this.rng.getState(),
      },
    };
  }

  load(state: LearnerState, where: string): void {
    this.restore(state, where, true);
  }

  /** load(), the opponents' memories forgotten or not (loadPublished decides by the schedule). */
  private restore(state: LearnerState, where: string, forgetOpponentMemories: boolean): void {
    const s = state as Partial<GhostLearnerState>;
    const sp = s.selfPlay;
    if (!sp || sp.format !== 'shiva-self-play' || sp.version !== 1 || !s.learner) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: selfPlay: expected the state of a self-play learner (shiva-self-play version 1), got ${sp ? `${String(sp.format)} version ${String(sp.version)}` : 'none (was the checkpoint written without self_play?)'}`);
    }
    const counters = { elo: sp.elo, learningIndex: sp.learningIndex, opponentIndex: sp.opponentIndex, ghostSteps: sp.ghostSteps, lastTeamChange: sp.lastTeamChange, lastSave: sp.lastSave, lastSwap: sp.lastSwap };
    for (const [field, value] of Object.entries(counters)) {
      if (!Number.isFinite(value)) throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: selfPlay.${field}: expected a finite number, got ${JSON.stringify(value)}`);
    }
    this.learner.load(s.learner, where);
    this.window.load(sp.window, `${where}: selfPlay`);
    if (sp.opponentIndex !== LATEST && (sp.opponentIndex < 0 || sp.opponentIndex >= this.window.length)) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: selfPlay.opponentIndex: expected ${LATEST} (latest) or a slot below ${this.window.length}, got ${sp.opponentIndex}`);
    }
    this.codec.give(this.opponent, sp.opponentWeights, `${where}: selfPlay.opponentWeights`);
    if (forgetOpponentMemories) this.opponent.forgetMemories?.();
    this.teams = [...sp.teams];
    this.learningIndex = sp.learningIndex;
    this.eloValue = sp.elo;
    this.opponentIndexValue = sp.opponentIndex;
    this.ghostSteps = sp.ghostSteps;
    this.lastTeamChange = sp.lastTeamChange;
    this.lastSave = sp.lastSave;
    this.lastSwap = sp.lastSwap;
    this.rng.setState(sp.rng);
  }

  /**
   * A newer version of the same run's ghost learner, published by a distributed learner (src/cluster/policy-store.ts):
   * its weights, opponent and schedule, with this process's own random streams kept (a cluster actor samples apart
   * from the others). Memories are kept as the schedule keeps them in one process: the opponents' are forgotten
   * only when the published opponent was drawn anew (a swap or a team change since this state), the learning
   * policy's only at a team change (advance() does the same); a version that only moved the weights keeps them all.
   */
  loadPublished(state: LearnerState, where: string): void {
    const sp = (state as Partial<GhostLearnerState>).selfPlay;
    const before = { learningIndex: this.learningIndex, lastTeamChange: this.lastTeamChange, lastSwap: this.lastSwap, opponentIndex: this.opponentIndexValue, teams: this.teams.join(',') };
    const own = { rngs: this.learner.save()['rngs'], rng: this.rng.getState() };
    const learner = (state as Partial<GhostLearnerState>).learner;
    this.restore({ ...state, ...(learner && own.rngs !== undefined ? { learner: { ...learner, rngs: own.rngs } } : {}), ...(sp ? { selfPlay: { ...sp, rng: own.rng } } : {}) } as LearnerState, where, false);
    const teamChanged = this.learningIndex !== before.learningIndex || this.lastTeamChange !== before.lastTeamChange || this.teams.join(',') !== before.teams;
    if (teamChanged) this.learner.forgetMemories?.();
    if (teamChanged || this.lastSwap !== before.lastSwap || this.opponentIndexValue !== before.opponentIndex) this.opponent.forgetMemories?.();
  }

  dispose(): void {
    this.learner.dispose();
    this.opponent.dispose();
  }

  /** Team change, snapshot, swap: whichever is due. */
  private advance(): void {
    const settings = this.settings;
    const steps = this.learner.steps;
    let teamChanged = false;
    if (this.teams.length > 1 && steps - this.lastTeamChange >= settings.teamChange) {
      // The old learning team's open transitions would be closed by steps the opponent policy chose.
      for (const source of this.sources) this.learner.forgetSource(source);
      this.learningIndex = (this.learningIndex + 1) % this.teams.length;
      this.lastTeamChange = steps;
      teamChanged = true;
    }
    if (steps - this.lastSave >= settings.saveSteps) {
      this.window.add(this.codec.take(this.learner), this.eloValue);
      this.lastSave = steps;
    }
    if (teamChanged || this.ghostSteps - this.lastSwap >= settings.swapSteps) {
      this.swap();
      this.lastSwap = this.ghostSteps;
    }
  }

  /** Draws the opponent and loads its weights; the opponents' memories, the old weights' making, start again. */
  private swap(): void {
    const slot = this.window.choose(this.rng, this.settings.playAgainstLatestModelRatio);
    const weights = slot === LATEST ? this.codec.take(this.learner) : this.window.at(slot).weights;
    this.codec.give(this.opponent, weights, `self-play snapshot ${slot === LATEST ? 'latest' : slot}`);
    this.opponent.forgetMemories?.();
    this.opponentIndexValue = slot;
    this.swapCount++;
  }

  /** ELO updates for the learning agents whose episodes the task ended. */
  private rateFinishedEpisodes(terminal: TerminalSteps): void {
    // Against the latest policy the change is added to and taken from the same rating.
    if (this.opponentIndexValue === LATEST) return;
    const opponent = this.window.at(this.opponentIndexValue);
    for (let i = 0; i < terminal.count; i++) {
      if (terminal.interrupted[i]) continue;
      const change = eloChange(this.eloValue, opponent.elo, resultFromFinalReward(terminal.rewards[i]!));
      this.eloValue += change;
      opponent.elo -= change;
    }
  }
}

/** One team's view of a ghost learner. */
class TeamView implements Learner {
  constructor(
    private readonly ghost: GhostLearner,
    readonly team: number,
    readonly spec: BehaviorSpec,
  ) {}

  get id(): string {
    return this.ghost.id;
  }

  get trainerType(): string {
    return this.ghost.trainerType;
  }

  get steps(): number {
    return this.ghost.steps;
  }

  get maxSteps(): number {
    return this.ghost.maxSteps;
  }

  get memoryWidth(): number {
    return this.ghost.memoryWidth;
  }

  acting(learn: boolean): Acting {
    return this.ghost.actingAs(this.team, learn);
  }

  forgetSource(source: number): void {
    this.ghost.forgetSource(source);
  }

  countsEpisodesOf(behavior: string): boolean {
    return this.ghost.countsEpisodesOf(behavior);
  }

  maybeUpdate(): Record<string, number> | null {
    return this.ghost.maybeUpdate();
  }

  exportPolicy(): ExportablePolicy | null {
    return this.ghost.exportPolicy();
  }

  save(): LearnerState {
    return this.ghost.save();
  }

  load(state: LearnerState, where: string): void {
    this.ghost.load(state, where);
  }

  loadPublished(state: LearnerState, where: string): void {
    this.ghost.loadPublished(state, where);
  }

  dispose(): void {
    this.ghost.dispose();
  }
}
