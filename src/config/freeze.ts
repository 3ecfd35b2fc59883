/**
 * Deep freezing for the loaded configuration: objects and arrays with Object.freeze, maps as ReadonlyMaps whose
 * set/delete/clear throw (Object.freeze does not stop Map.prototype.set).
 */

const sealed = new WeakSet<object>();

class FrozenMap<K, V> extends Map<K, V> {
  constructor(entries: Iterable<readonly [K, V]>) {
    super(entries);
    // The Map constructor calls set() for each entry, so the seal starts only now.
    sealed.add(this);
  }
  override set(key: K, value: V): this {
    if (sealed.has(this)) throw new TypeError('the run configuration is read-only');
    return super.set(key, value);
  }
  override delete(): boolean {
    throw new TypeError('the run configuration is read-only');
  }
  override clear(): void {
    throw new TypeError('the run configuration is read-only');
  }
}

/** A read-only map of deep-frozen values. */
export function frozenMap<K, V>(entries: Iterable<readonly [K, V]>): ReadonlyMap<K, V> {
  return Object.freeze(new FrozenMap([...entries].map(([k, v]) => [k, deepFreeze(v)] as const)));
}

/** Freezes `value` and everything reachable from it through plain objects and arrays. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Map) {
    for (const v of value.values()) deepFreeze(v);
    return value;
  }
  if (Object.isFrozen(value)) return value;
  for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}
