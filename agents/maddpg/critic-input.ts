/**
 * What a centralised critic sees: for the critic of agent i, the observations of the agents it sees, then their
 * actions, in one order per sample (MADDPG's Q_i(o_1, …, o_N, a_1, …, a_N)):
 *   per_agent:   every slot in slot order, one critic per slot; agent i's action at position i;
 *   shared:      agent i first, then the others in a fresh random order for every sample, one critic for every
 *                slot: trained on permuted samples, its value does not depend on the order of the others, and
 *                position 0 always says whose value it is;
 *   independent: agent i alone (= DDPG per agent), position 0.
 * Kept as pure host functions so the layout can be checked by hand.
 */
import type { Rng } from '../../src/core/runtime/rng.js';

export type CriticView = 'per_agent' | 'shared' | 'independent';

/** Agents a critic sees. */
export function criticAgents(view: CriticView, n: number): number {
  return view === 'independent' ? 1 : n;
}

/** Width of one critic input row: nIn observations, then nIn actions. */
export function criticInputSize(view: CriticView, n: number, obsSize: number, actSize: number): number {
  return criticAgents(view, n) * (obsSize + actSize);
}

/** Where agent i's own action sits among the critic's action positions. */
export function selfPosition(view: CriticView, agent: number): number {
  return view === 'per_agent' ? agent : 0;
}

/**
 * The slots the critic of `agent` sees, per sample: rows × criticAgents. `shared` draws a Fisher–Yates
 * shuffle of the others per row from `rng`; the other views draw nothing.
 */
export function criticOrder(view: CriticView, agent: number, n: number, rows: number, rng: Rng): Int32Array {
  const width = criticAgents(view, n);
  const order = new Int32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    const base = r * width;
    if (view === 'per_agent') {
      for (let k = 0; k < n; k++) order[base + k] = k;
    } else if (view === 'independent') {
      order[base] = agent;
    } else {
      order[base] = agent;
      let k = 1;
      for (let j = 0; j < n; j++) if (j !== agent) order[base + k++] = j;
      for (let i = n - 1; i > 1; i--) {
        const j = 1 + rng.int(i);
        const t = order[base + i]!;
        order[base + i] = order[base + j]!;
        order[base + j] = t;
      }
    }
  }
  return order;
}

/**
 * Critic input rows: for each row r, the observations of the slots order[r, ·] then their actions.
 * `obs` is rows × n × obsSize and `actions` rows × n × actSize, slot-major within a row.
 */
export function criticInputs(
  order: Int32Array,
  width: number,
  obs: Float32Array,
  actions: Float32Array,
  rows: number,
  n: number,
  obsSize: number,
  actSize: number,
): Float32Array {
  const rowSize = width * (obsSize + actSize);
  const out = new Float32Array(rows * rowSize);
  for (let r = 0; r < rows; r++) {
    let o = r * rowSize;
    for (let k = 0; k < width; k++) {
      const slot = order[r * width + k]!;
      const from = (r * n + slot) * obsSize;
      out.set(obs.subarray(from, from + obsSize), o);
      o += obsSize;
    }
    for (let k = 0; k < width; k++) {
      const slot = order[r * width + k]!;
      const from = (r * n + slot) * actSize;
      out.set(actions.subarray(from, from + actSize), o);
      o += actSize;
    }
  }
  return out;
}

/** Agent `slot`'s rows of a rows × n × size array, as rows × size. */
export function slotRows(values: Float32Array, rows: number, n: number, size: number, slot: number): Float32Array {
  const out = new Float32Array(rows * size);
  for (let r = 0; r < rows; r++) out.set(values.subarray((r * n + slot) * size, (r * n + slot + 1) * size), r * size);
  return out;
}
