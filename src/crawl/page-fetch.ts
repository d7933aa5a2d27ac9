/**
 * One polite fetch with retries: wait for the host's slot, fetch, classify, and retry what
 * `classifyFetch` says is worth retrying, with backoff (and Retry-After for 429), as long as
 * the site's time budget allows.
 */
import {
  type BackoffOptions,
  classifyFetch,
  type FetchVerdict,
  parseRetryAfter,
  retryDelayMs,
} from './fetch-outcome.ts';
import { looksLikeHtml } from './html-hints.ts';
import type { FetchFailure, FetchPageOptions, HttpClient, RawResponse } from './http-client.ts';
import type { HostScheduler } from './politeness.ts';

/** A Retry-After longer than this is not waited for: the page ends as it is. */
const MAX_RETRY_AFTER_MS = 30_000;

export interface FetchedResult {
  result: RawResponse | FetchFailure;
  verdict: FetchVerdict;
  attempts: number;
}

export interface PoliteFetchContext {
  client: HttpClient;
  scheduler: HostScheduler;
  maxRetries: number;
  backoff?: BackoffOptions;
  random: () => number;
  now: () => Date;
  /** Stops waiting (time budget or shutdown); in-flight requests are left to finish. */
  waitSignal: AbortSignal;
  /** Aborts in-flight requests (shutdown only). */
  requestSignal?: AbortSignal;
  /** performance.now() after which no retry is started. */
  deadline: number;
}

export function verdictOf(result: RawResponse | FetchFailure): FetchVerdict {
  if (!result.ok) return classifyFetch({ error: result.error, httpStatus: result.httpStatus });
  return classifyFetch({
    httpStatus: result.httpStatus,
    contentType: result.contentType,
    redirectRefused: result.redirectRefused !== null,
    ...(result.body === null ? {} : { looksLikeHtml: looksLikeHtml(result.body) }),
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve(false);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Null when the wait for a first slot was cut short (time budget, shutdown): nothing was fetched.
 * `delayMs` is the host's Crawl-delay, if any.
 */
export async function politeFetch(
  url: string,
  request: Omit<FetchPageOptions, 'signal'>,
  context: PoliteFetchContext,
  delayMs: number | null,
): Promise<FetchedResult | null> {
  const host = new URL(url).hostname;
  let last: FetchedResult | null = null;
  for (let attempt = 0; ; attempt += 1) {
    let release: () => void;
    try {
      release = await context.scheduler.acquire(host, {
        ...(delayMs === null ? {} : { delayMs }),
        signal: context.waitSignal,
      });
    } catch {
      return last;
    }
    let result: RawResponse | FetchFailure;
    try {
      result = await context.client.fetchPage(url, {
        ...request,
        ...(context.requestSignal === undefined ? {} : { signal: context.requestSignal }),
      });
    } finally {
      release();
    }
    const verdict = verdictOf(result);
    last = { result, verdict, attempts: attempt + 1 };
    if (!verdict.retryable || attempt >= context.maxRetries || context.requestSignal?.aborted) return last;
    let wait = retryDelayMs(attempt + 1, context.random, context.backoff);
    if (result.httpStatus === 429) {
      const retryAfter = parseRetryAfter(result.headers['retry-after'], context.now());
      if (retryAfter !== null && retryAfter > MAX_RETRY_AFTER_MS) return last;
      if (retryAfter !== null) wait = Math.max(wait, retryAfter);
    }
    if (performance.now() + wait > context.deadline) return last;
    if (!(await sleep(wait, context.waitSignal))) return last;
  }
}
