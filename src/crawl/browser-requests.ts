/**
 * What a page rendered in the headless browser may load, and how. Every request the page
 * makes is decided here and, when allowed, fetched by the crawler's own HTTP client under the
 * per-host scheduler: one network policy (connectTo, extra CA, SSRF rules, politeness,
 * robots.txt) for HTTP and browser modes alike. The browser itself never opens a socket
 * (docs/adr/0004-browser-mode.md).
 */
import { followSignal } from './abort.ts';
import type { FetchStatus } from './crawl.types.ts';
import type { HttpClient } from './http-client.ts';
import { verdictOf } from './page-fetch.ts';
import type { HostScheduler } from './politeness.ts';

/** A request made by a page being rendered, as the renderer sees it. */
export interface BrowserRequest {
  url: string;
  method: string;
  /** Playwright's resource type: document, script, xhr, fetch, stylesheet, image, font, media… */
  resourceType: string;
  /** Made by the page's main frame (not an iframe, a popup or a worker). */
  mainFrame: boolean;
  /** The Accept header the browser would send. */
  accept?: string;
}

export type BlockReason =
  /** Images, media, fonts, stylesheets, beacons…: not needed to read the DOM. */
  | 'resource_type'
  /** Only GET is sent: the crawler never submits anything. */
  | 'method'
  /** Iframes, popups and workers are not loaded. */
  | 'not_main_frame'
  /** A host outside the site and its known platforms (analytics, CDNs, third-party widgets). */
  | 'out_of_scope'
  | 'robots';

export type LoadResult =
  | { kind: 'response'; httpStatus: number; headers: Record<string, string>; body: Buffer; cached: boolean }
  | { kind: 'blocked'; reason: BlockReason }
  | { kind: 'failed'; status: FetchStatus; detail: string };

/** Loads one request of a rendered page; `signal` aborts when the render ends or times out. */
export type LoadRequest = (request: BrowserRequest, signal: AbortSignal) => Promise<LoadResult>;

export interface RobotsAnswer {
  allowed: boolean;
  /** The origin's Crawl-delay in ms, if any. */
  crawlDelayMs: number | null;
}

export interface RequestLoaderOptions {
  client: HttpClient;
  /** The process-wide per-host scheduler: every request the browser makes waits for its slot. */
  scheduler: HostScheduler;
  /** Whether a URL belongs to the site being crawled (its hosts and its known platforms). */
  inScope: (url: string) => boolean;
  /** robots.txt verdict for a URL; without it everything is allowed at the default delay. */
  robots?: (url: string) => Promise<RobotsAnswer>;
  maxBytes: number;
  requestTimeoutMs: number;
  /**
   * Bytes of scripts kept for later renders of the same site (a single-page app loads the same
   * bundle on every page). Default 16 MB; 0 disables the cache.
   */
  cacheBytes?: number;
  /** Stops cached fetches, which outlive the render that started them (the site's shutdown). */
  signal?: AbortSignal;
}

interface CacheEntry {
  result: Promise<LoadResult>;
  controller: AbortController;
  /** Renders waiting for the fetch to end. */
  waiting: number;
  settled: boolean;
}

/** What the DOM needs: the document, its scripts and the data they fetch. */
const LOADED_TYPES: ReadonlySet<string> = new Set(['document', 'script', 'xhr', 'fetch']);
const DEFAULT_CACHE_BYTES = 16 * 1024 * 1024;

/**
 * The request policy of one site's renders. Create one per site crawl: its script cache
 * lives as long as the site does.
 */
export function createRequestLoader(options: RequestLoaderOptions): LoadRequest {
  const cache = new Map<string, CacheEntry>();
  const cacheLimit = options.cacheBytes ?? DEFAULT_CACHE_BYTES;
  let cachedBytes = 0;

  async function fetchAllowed(request: BrowserRequest, signal: AbortSignal): Promise<LoadResult> {
    const robots = options.robots === undefined ? null : await options.robots(request.url);
    if (robots !== null && !robots.allowed) return { kind: 'blocked', reason: 'robots' };
    let release: () => void;
    try {
      release = await options.scheduler.acquire(new URL(request.url).hostname, {
        ...(robots?.crawlDelayMs == null ? {} : { delayMs: robots.crawlDelayMs }),
        signal,
      });
    } catch {
      return { kind: 'failed', status: 'timeout', detail: 'rendu terminé avant le tour de cet hôte' };
    }
    let result: Awaited<ReturnType<HttpClient['fetchPage']>>;
    try {
      result = await options.client.fetchPage(request.url, {
        timeoutMs: options.requestTimeoutMs,
        maxBytes: options.maxBytes,
        signal,
        followRedirect: (_from, to) => options.inScope(to),
        ...(request.accept === undefined ? {} : { accept: request.accept }),
      });
    } finally {
      release();
    }
    if (!result.ok) {
      const verdict = verdictOf(result);
      return { kind: 'failed', status: verdict.status, detail: verdict.detail };
    }
    if (result.redirectRefused !== null) return { kind: 'blocked', reason: 'out_of_scope' };
    return {
      kind: 'response',
      httpStatus: result.httpStatus,
      headers: result.headers,
      body: result.body ?? Buffer.alloc(0),
      cached: false,
    };
  }

  /**
   * Scripts are shared by the site's renders: one fetch per URL, kept while it is wanted. A
   * fetch no render waits for any more (they all ended or timed out) is aborted.
   */
  function cachedFetch(request: BrowserRequest, signal: AbortSignal): Promise<LoadResult> {
    let entry = cache.get(request.url);
    // The render that starts a fetch counts it as fetched; the others as served from the cache.
    const owner = entry === undefined;
    if (entry === undefined) {
      const controller = new AbortController();
      const unlink = followSignal(controller, options.signal);
      const created: CacheEntry = {
        result: fetchAllowed(request, controller.signal)
          .catch(
            (error: unknown): LoadResult => ({
              kind: 'failed',
              status: 'connection_error',
              detail: String(error),
            }),
          )
          .finally(unlink),
        controller,
        waiting: 0,
        settled: false,
      };
      cache.set(request.url, created);
      void created.result.then((result) => {
        created.settled = true;
        const size = result.kind === 'response' ? result.body.length : 0;
        if (result.kind !== 'response' || result.httpStatus !== 200 || cachedBytes + size > cacheLimit) {
          if (cache.get(request.url) === created) cache.delete(request.url);
        } else {
          cachedBytes += size;
        }
      });
      entry = created;
    }
    const shared = entry;
    if (shared.settled) {
      return shared.result.then((result) =>
        result.kind === 'response' ? { ...result, cached: true } : result,
      );
    }
    shared.waiting += 1;
    return new Promise<LoadResult>((resolve) => {
      const onAbort = (): void => {
        shared.waiting -= 1;
        resolve({ kind: 'failed', status: 'timeout', detail: 'rendu terminé' });
        if (shared.waiting === 0 && !shared.settled) {
          shared.controller.abort();
          if (cache.get(request.url) === shared) cache.delete(request.url);
        }
      };
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      void shared.result.then((result) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) return;
        shared.waiting -= 1;
        resolve(result.kind === 'response' && !owner ? { ...result, cached: true } : result);
      });
    });
  }

  return async (request, signal) => {
    if (!request.mainFrame) return { kind: 'blocked', reason: 'not_main_frame' };
    if (!LOADED_TYPES.has(request.resourceType)) return { kind: 'blocked', reason: 'resource_type' };
    if (request.method !== 'GET') return { kind: 'blocked', reason: 'method' };
    if (!/^https?:/i.test(request.url) || !options.inScope(request.url)) {
      return { kind: 'blocked', reason: 'out_of_scope' };
    }
    if (request.resourceType === 'script' && cacheLimit > 0) return cachedFetch(request, signal);
    return fetchAllowed(request, signal);
  };
}
