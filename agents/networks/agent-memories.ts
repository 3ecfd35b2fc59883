/**
 * The recurrent memories of the agents a policy acts for, kept per (environment source, agent id) across
 * decisions, as ML-Agents' TorchPolicy keeps them per agent id: an agent never seen, or whose episode ended, starts
 * from zeros (ML-Agents removes an agent's memory when its episode ends, and a new one gets zeros).
 */

/** Rows [offset, offset + count) of a joined batch are environment `source`'s (the plugin contract's RowSource). */
export interface MemoryRows {
  readonly source: number;
  readonly offset: number;
  readonly count: number;
}

export class AgentMemories {
  private readonly bySource = new Map<number, Map<number, Float32Array>>();

  constructor(readonly width: number) {}

  /** count × width: the memory of each row's agent (rows laid out as `rows` says), zeros for agents without one. */
  gather(rows: readonly MemoryRows[], agentIds: Int32Array): Float32Array {
    const out = new Float32Array(agentIds.length * this.width);
    for (const part of rows) {
      const agents = this.bySource.get(part.source);
      if (!agents) continue;
      for (let r = part.offset; r < part.offset + part.count; r++) {
        const m = agents.get(agentIds[r]!);
        if (m) out.set(m, r * this.width);
      }
    }
    return out;
  }

  /** Keeps each row's memory (count × width, rows laid out as `rows` says) as its agent's. */
  store(rows: readonly MemoryRows[], agentIds: Int32Array, memories: Float32Array): void {
    for (const part of rows) {
      let agents = this.bySource.get(part.source);
      if (!agents) this.bySource.set(part.source, (agents = new Map()));
      for (let r = part.offset; r < part.offset + part.count; r++) agents.set(agentIds[r]!, memories.slice(r * this.width, (r + 1) * this.width));
    }
  }

  /** The agents' episodes ended: their next decision starts from zeros. */
  reset(source: number, agentIds: Int32Array): void {
    const agents = this.bySource.get(source);
    if (!agents) return;
    for (const id of agentIds) agents.delete(id);
  }

  /** Every memory of `source` (its simulation was reset or restarted). */
  forgetSource(source: number): void {
    this.bySource.delete(source);
  }

  /** Every memory of every source (the policy now acts with other weights: a self-play opponent swapped). */
  clear(): void {
    this.bySource.clear();
  }

  /** The memory `agentId` of `source` holds (width floats, a copy), or null: its next decision starts from zeros. */
  of(source: number, agentId: number): Float32Array | null {
    const m = this.bySource.get(source)?.get(agentId);
    return m ? m.slice() : null;
  }

  /** How many agents hold a memory. */
  get size(): number {
    let n = 0;
    for (const agents of this.bySource.values()) n += agents.size;
    return n;
  }
}
