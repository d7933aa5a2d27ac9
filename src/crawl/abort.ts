/**
 * Links a caller's signal to a controller of our own, with an explicit unlink, instead of
 * AbortSignal.any: a composite signal per request (released only by the garbage collector)
 * cost about 40 % of the crawl throughput in our measurement (docs/adr/0003-crawler.md).
 */

/** Aborts `controller` (with the same reason) when `signal` aborts; returns the unlink function. */
export function followSignal(controller: AbortController, signal: AbortSignal | undefined): () => void {
  if (signal === undefined) return () => undefined;
  if (signal.aborted) {
    controller.abort(signal.reason);
    return () => undefined;
  }
  const onAbort = (): void => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}
