/**
 * "Did you mean" for misspelt keys and names: the nearest candidate by edit distance, if it is near enough to be
 * a likely typo. Case and `-`/`_` are ignored when comparing (`Batch-Size` is `batch_size` written differently).
 */

/** Levenshtein distance (insertions, deletions, substitutions), one row at a time. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/-/g, '_');
}

/**
 * Of the candidates that contain `name` (3 characters or more), the nearest by edit distance; when none does,
 * the candidate nearest to `name`, or undefined when none is within max(2, ⌈length/4⌉) edits. Ties go to the earlier candidate, so callers list the likelier
 * ones first.
 */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  const target = normalise(name);
  // A fragment of a candidate ("gpu" of "webgpu") beats an edit-distance neighbour ("cpu"); of several that
  // contain it, the nearest.
  const all = [...candidates];
  const containing = target.length >= 3 ? all.filter((c) => normalise(c).includes(target)) : [];
  const list = containing.length > 0 ? containing : all;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of list) {
    const d = editDistance(target, normalise(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.ceil(target.length / 4));
  return containing.length > 0 || bestDistance <= limit ? best : undefined;
}
