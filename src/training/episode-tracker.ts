/**
 * Episode returns and lengths per (environment, agent), from the steps every environment reports: rewards of
 * decision and terminal steps accrue to the agent's running episode, which a terminal step closes. Group rewards
 * (shared by the members of a group, as MA-POCA trains on) accrue beside them, as ML-Agents reports them apart.
 */
import type { DecisionSteps, TerminalSteps } from '../core/env/steps.js';

export interface EpisodeRecord {
  readonly behavior: string;
  readonly return: number;
  readonly length: number;
  readonly interrupted: boolean;
  /** Sum of the group rewards the agent received over the episode; null for an agent in no group (group id 0). */
  readonly groupReturn: number | null;
}

interface RunningEpisode {
  total: number;
  groupTotal: number;
  grouped: boolean;
  length: number;
}

export class EpisodeTracker {
  /** Running episodes by source, then agent id: number keys, so that a step with many agents builds no strings. */
  private readonly running = new Map<number, Map<number, RunningEpisode>>();
  /** Episodes finished since the last drain. */
  private finished: EpisodeRecord[] = [];
  private allTime = 0;

  observe(source: number, behavior: string, decisions: DecisionSteps, terminals: TerminalSteps): void {
    let running = this.running.get(source);
    if (!running) {
      running = new Map();
      this.running.set(source, running);
    }
    for (let i = 0; i < terminals.count; i++) {
      const id = terminals.agentIds[i]!;
      const episode = running.get(id) ?? { total: 0, groupTotal: 0, grouped: false, length: 0 };
      running.delete(id);
      const grouped = episode.grouped || terminals.groupIds[i] !== 0;
      this.finished.push({
        behavior,
        return: episode.total + terminals.rewards[i]!,
        length: episode.length + 1,
        interrupted: terminals.interrupted[i] === 1,
        groupReturn: grouped ? episode.groupTotal + terminals.groupRewards[i]! : null,
      });
      this.allTime++;
    }
    for (let i = 0; i < decisions.count; i++) {
      const id = decisions.agentIds[i]!;
      const episode = running.get(id);
      if (episode) {
        episode.total += decisions.rewards[i]!;
        episode.groupTotal += decisions.groupRewards[i]!;
        episode.grouped ||= decisions.groupIds[i] !== 0;
        episode.length++;
      } else {
        // The first decision of an episode: its reward (0 in Unity) opens the count.
        running.set(id, { total: decisions.rewards[i]!, groupTotal: decisions.groupRewards[i]!, grouped: decisions.groupIds[i] !== 0, length: 0 });
      }
    }
  }

  /** Forgets running episodes of `source` (its simulation restarted: those episodes never end). */
  forgetSource(source: number): void {
    this.running.delete(source);
  }

  drain(): EpisodeRecord[] {
    const out = this.finished;
    this.finished = [];
    return out;
  }

  get episodes(): number {
    return this.allTime;
  }

  set episodes(n: number) {
    this.allTime = n;
  }
}
