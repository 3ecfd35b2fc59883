/**
 * What every network whose weights are one ParameterSet does alike: it copies the trained variables to the host
 * after an update, and is saved, loaded and freed as that set. A network extends this (one level) and adds its
 * layers to `params` in its constructor, in the order its seeded initialisation draws them.
 */
import { ParameterSet, type SavedParameter } from './parameters.js';

export abstract class ParameterNetwork {
  readonly params = new ParameterSet();

  syncHost(): void {
    this.params.syncHost();
  }

  save(): SavedParameter[] {
    return this.params.save();
  }

  load(saved: readonly SavedParameter[], where: string): void {
    this.params.load(saved, where);
  }

  dispose(): void {
    this.params.dispose();
  }
}
