/**
 * An async read remembered per arguments for as long as a stamp (a short string that changes
 * with the data read, e.g. src/editions/data-stamp.query.ts) stays the same. The promise itself
 * is kept, so concurrent callers share one load; a failed load is forgotten. Bounded: beyond
 * `limit` entries everything is forgotten at once.
 */
export function stampedMemo<A extends readonly unknown[], T>(
  stamp: () => Promise<string>,
  load: (...args: A) => Promise<T>,
  options: { limit: number },
): (...args: A) => Promise<T> {
  const known = new Map<string, { stamp: string; value: Promise<T> }>();
  return async (...args) => {
    const current = await stamp();
    const key = JSON.stringify(args);
    const found = known.get(key);
    if (found && found.stamp === current) return found.value;
    if (known.size >= options.limit) known.clear();
    const value = load(...args);
    known.set(key, { stamp: current, value });
    value.catch(() => {
      if (known.get(key)?.value === value) known.delete(key);
    });
    return value;
  };
}

/**
 * The last value of `load`, read again once it is older than `maxAgeMs` (the promise is kept, so
 * concurrent callers share one read). For a stamp read on every request, when a change may take
 * that long to be seen.
 */
export function recentValue<T>(
  load: () => Promise<T>,
  maxAgeMs: number,
  now: () => number = Date.now,
): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | undefined;
  return () => {
    const at = now();
    if (last && at - last.at < maxAgeMs) return last.value;
    const value = load();
    last = { at, value };
    value.catch(() => {
      if (last?.value === value) last = undefined;
    });
    return value;
  };
}
