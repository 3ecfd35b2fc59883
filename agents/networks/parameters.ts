/**
 * A network's named weights, each held twice: a tf.Variable that training updates, and a host Float32Array that
 * the fast acting path reads. `syncHost()` copies the first into the second after every update; nothing else
 * writes the host copies. Saved as plain JSON-safe arrays for checkpoints.
 */
import * as tf from '@tensorflow/tfjs';
import { ShivaError } from '../../src/core/errors.js';

export interface Parameter {
  readonly name: string;
  readonly shape: readonly number[];
  /** The values the fast path reads; row-major in `shape`. Current after syncHost(). */
  readonly host: Float32Array;
  readonly variable: tf.Variable;
}

/** One parameter as saved: JSON-safe. */
export interface SavedParameter {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: readonly number[];
}

let nextSetId = 0;

export class ParameterSet {
  private readonly list: Parameter[] = [];
  private readonly byName = new Map<string, Parameter>();
  /** tfjs variable names are global to the engine; a per-set id keeps two networks from colliding. */
  private readonly id = nextSetId++;

  add(name: string, shape: readonly number[], values: Float32Array): Parameter {
    if (this.byName.has(name)) throw new Error(`parameter "${name}" added twice`);
    const size = shape.reduce((a, b) => a * b, 1);
    if (values.length !== size) throw new Error(`parameter "${name}": ${values.length} values for shape [${shape.join(', ')}]`);
    const host = Float32Array.from(values);
    // tidy disposes the initial tensor; the variable keeps its own reference to the data.
    const variable = tf.tidy(() => tf.variable(tf.tensor(host, [...shape], 'float32'), true, `shiva${this.id}/${name}`));
    const p: Parameter = { name, shape: [...shape], host, variable };
    this.list.push(p);
    this.byName.set(name, p);
    return p;
  }

  get(name: string): Parameter {
    const p = this.byName.get(name);
    if (!p) throw new Error(`no parameter "${name}"`);
    return p;
  }

  get all(): readonly Parameter[] {
    return this.list;
  }

  variables(): tf.Variable[] {
    return this.list.map((p) => p.variable);
  }

  /** Number of scalar weights. */
  get size(): number {
    return this.list.reduce((n, p) => n + p.host.length, 0);
  }

  /** Copies every variable's value into its host array. Call outside tf.tidy. */
  syncHost(): void {
    for (const p of this.list) p.host.set(p.variable.dataSync() as Float32Array);
  }

  save(): SavedParameter[] {
    return this.list.map((p) => ({ name: p.name, shape: [...p.shape], values: Array.from(p.host) }));
  }

  /**
   * Loads saved values into both copies. Names and shapes must match exactly; `where` names the source (a
   * checkpoint file) in the error.
   */
  load(saved: readonly SavedParameter[], where: string): void {
    const expected = this.list.map((p) => `${p.name}[${p.shape.join('x')}]`).join(', ');
    const came = saved.map((s) => `${s.name}[${(s.shape ?? []).join('x')}]`).join(', ');
    if (saved.length !== this.list.length) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: parameters: expected ${this.list.length} (${expected}), got ${saved.length} (${came})`);
    }
    saved.forEach((s, i) => {
      const p = this.list[i]!;
      if (s.name !== p.name || s.shape.length !== p.shape.length || s.shape.some((d, k) => d !== p.shape[k])) {
        throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: parameter #${i}: expected ${p.name} with shape [${p.shape.join(', ')}], got ${s.name} with shape [${s.shape.join(', ')}]`);
      }
      if (!Array.isArray(s.values) || s.values.length !== p.host.length) {
        throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: parameter ${p.name}: expected ${p.host.length} values, got ${Array.isArray(s.values) ? s.values.length : typeof s.values}`);
      }
      for (let k = 0; k < s.values.length; k++) {
        if (!Number.isFinite(s.values[k])) {
          throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: parameter ${p.name} value #${k}: expected a finite number, got ${String(s.values[k])}`);
        }
      }
    });
    saved.forEach((s, i) => {
      const p = this.list[i]!;
      p.host.set(s.values);
      tf.tidy(() => p.variable.assign(tf.tensor(p.host, [...p.shape], 'float32')));
    });
  }

  dispose(): void {
    for (const p of this.list) p.variable.dispose();
  }
}
