/**
 * Crawls one authority's website breadth-first within its limits, and streams every page it
 * fetched (or was told not to fetch by robots.txt) to `onPage`. Nothing is accumulated: the
 * caller persists and detects in `onPage`, whose slowness slows the crawl (backpressure).
 * A page whose handling fails is recorded and the crawl goes on.
 */
import { createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { PageContent } from '../detection/page.ts';
import { errorMessage } from '../shared/errors.ts';
import { followSignal } from './abort.ts';
import type { BrowserRenderer } from './browser-renderer.ts';
import { createRequestLoader, type LoadRequest } from './browser-requests.ts';
import { decodeBody } from './charset.ts';
import type {
  CrawledPage,
  CrawlLimits,
  FetchStatus,
  RenderMode,
  ResumePage,
  SiteCrawlSummary,
  SkipReason,
} from './crawl.types.ts';
import { type BackoffOptions, isHtmlContentType } from './fetch-outcome.ts';
import { Frontier } from './frontier.ts';
import { metaRefreshTarget } from './html-hints.ts';
import { type HttpClient, type RawResponse, USER_AGENT_TOKEN } from './http-client.ts';
import { type FetchedResult, type PoliteFetchContext, politeFetch } from './page-fetch.ts';
import type { HostScheduler } from './politeness.ts';
import { javascriptDependence } from './render-hints.ts';
import { ROBOTS_MAX_BYTES, type RobotsPolicy, robotsPolicyFrom } from './robots.ts';
import { createSiteScope, type IsPlatformUrl, type SiteScope } from './scope.ts';
import { collectSitemapUrls, sitemapText } from './sitemap.ts';
import { normalizeLink, normalizeUrl, type TrapRules, trapReason, urlShape } from './url-normalize.ts';

export type PageExtractor = (url: string, html: string) => PageContent;

export interface CrawlErrorContext {
  url: string;
  /**
   * on_page: the caller's handler threw; extract: the extractor threw; render: the headless
   * browser failed (the page kept its HTTP content); internal: a crawler bug.
   */
  stage: 'on_page' | 'extract' | 'render' | 'internal';
}

/** JavaScript rendering of pages (docs/adr/0004-browser-mode.md). */
export interface PageRendering {
  /** 'http' renders nothing, 'auto' the pages that look JavaScript-dependent, 'browser' every HTML page. */
  mode: RenderMode;
  /** The process's renderer (one browser, a pool of pages), shared by every site crawl. */
  renderer: BrowserRenderer;
  /** Budget of one render, waits for the host scheduler included. Default 30 s. */
  timeoutMs?: number;
}

export interface CrawlSiteOptions {
  startUrl: string;
  limits: CrawlLimits;
  /** Shared by all site crawls of the process. */
  scheduler: HostScheduler;
  client: HttpClient;
  extract: PageExtractor;
  isPlatformUrl: IsPlatformUrl;
  onPage: (page: CrawledPage) => void | Promise<void>;
  /** Pages stored by an interrupted run: not fetched again; their enqueued URLs seed the frontier. */
  resumeFrom?: readonly ResumePage[];
  /** Shutdown: stops the crawl, aborts requests in flight; unfinished pages are not reported. */
  signal?: AbortSignal;
  now?: () => Date;
  /** robots.txt group to obey. */
  userAgentToken?: string;
  /** Fetches in flight for this site (the scheduler still caps each host). Default 4. */
  concurrency?: number;
  /** Retries of a retryable outcome. Default 2. */
  maxRetries?: number;
  /** Backoff between retries (default 0.5 s doubling, capped at 10 s, jittered). */
  retryBackoff?: BackoffOptions;
  random?: () => number;
  /** Seed the frontier from robots.txt sitemaps or /sitemap.xml. Default true. */
  useSitemaps?: boolean;
  /** Default 1000. */
  maxSitemapUrls?: number;
  trapRules?: Partial<TrapRules>;
  /** Told about each page handler, extractor or browser failure (for logs); the crawl goes on. */
  onError?: (error: unknown, context: CrawlErrorContext) => void;
  /** Renders pages in a headless browser; absent: HTTP only. */
  render?: PageRendering;
}

export const DEFAULT_RENDER_TIMEOUT_MS = 30_000;

const SITEMAP_MAX_BYTES = 10_000_000;
const SITEMAP_MAX_FILES = 10;
/** The host cannot be reached: nothing else to learn there. */
const HOST_DOWN: ReadonlySet<FetchStatus> = new Set([
  'dns_error',
  'connection_error',
  'tls_error',
  'ssrf_blocked',
  'timeout',
]);

function hostnameOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

function emptyPage(url: string, depth: number, status: FetchStatus, error: string): CrawledPage {
  return {
    url,
    finalUrl: url,
    redirectChain: [],
    depth,
    status,
    httpStatus: null,
    contentType: null,
    charset: null,
    bytes: 0,
    elapsedMs: 0,
    contentHash: null,
    headers: {},
    content: null,
    platform: null,
    enqueued: [],
    error,
    renderedWith: 'http',
  };
}

class SiteCrawl {
  readonly #options: CrawlSiteOptions;
  readonly #limits: CrawlLimits;
  readonly #now: () => Date;
  readonly #started = performance.now();
  readonly #summary: SiteCrawlSummary = {
    pages: 0,
    byStatus: {},
    skipped: {},
    durationMs: 0,
    truncated: false,
    resumed: 0,
    interrupted: false,
    pageHandlerErrors: 0,
    rendered: 0,
  };
  readonly #frontier = new Frontier();
  /** Every URL admitted to the frontier, fetched, resumed or reached by redirect. */
  readonly #seen = new Set<string>();
  readonly #shapes = new Map<string, number>();
  readonly #robots = new Map<string, Promise<RobotsPolicy>>();
  readonly #budget = new AbortController();
  readonly #shutdown = new AbortController();
  readonly #fetchContext: PoliteFetchContext;
  readonly #unlinkShutdown: () => void;
  /** Request policy of this site's renders (null in HTTP mode). */
  readonly #loader: LoadRequest | null;
  #scope: SiteScope | null = null;
  #start = '';
  /** Pages resumed, fetched or queued: the page limit applies to this count. */
  #admitted = 0;

  constructor(options: CrawlSiteOptions) {
    this.#options = options;
    this.#limits = options.limits;
    this.#now = options.now ?? (() => new Date());
    // One listener on the caller's (often shared) shutdown signal per site; requests and waits
    // listen to this site's own signals, which stop on shutdown too.
    this.#unlinkShutdown = followSignal(this.#shutdown, options.signal);
    followSignal(this.#budget, this.#shutdown.signal);
    const concurrency = Math.max(1, options.concurrency ?? 4);
    setMaxListeners(concurrency * 2 + 10, this.#shutdown.signal, this.#budget.signal);
    const waitSignal = this.#budget.signal;
    this.#fetchContext = {
      client: options.client,
      scheduler: options.scheduler,
      maxRetries: options.maxRetries ?? 2,
      ...(options.retryBackoff === undefined ? {} : { backoff: options.retryBackoff }),
      random: options.random ?? Math.random,
      now: this.#now,
      waitSignal,
      ...(options.signal === undefined ? {} : { requestSignal: this.#shutdown.signal }),
      deadline: this.#started + options.limits.siteTimeoutMs,
    };
    this.#loader =
      options.render === undefined || options.render.mode === 'http'
        ? null
        : createRequestLoader({
            client: options.client,
            scheduler: options.scheduler,
            inScope: (url) => this.#scopeOf.classify(url).kind !== 'out_of_scope',
            robots: async (url) => {
              const policy = await this.#robotsFor(new URL(url).origin).catch(() => null);
              if (policy === null || policy.state === 'unreachable')
                return { allowed: false, crawlDelayMs: null };
              return { allowed: policy.isAllowed(url), crawlDelayMs: policy.crawlDelayMs };
            },
            maxBytes: options.limits.maxBytes,
            requestTimeoutMs: options.limits.requestTimeoutMs,
            signal: this.#shutdown.signal,
          });
  }

  get #scopeOf(): SiteScope {
    if (this.#scope === null) throw new Error('scope used before the start URL was read');
    return this.#scope;
  }

  async run(): Promise<SiteCrawlSummary> {
    const start = normalizeUrl(this.#options.startUrl);
    if (start === null) {
      await this.#emit(emptyPage(this.#options.startUrl, 0, 'invalid_url', 'adresse de départ illisible'));
      return this.#finish();
    }
    this.#start = start;
    this.#scope = createSiteScope(start, this.#options.isPlatformUrl);
    this.#applyResume();
    if (!this.#seen.has(start)) {
      this.#seen.add(start);
      this.#admitted += 1;
      this.#frontier.push({ url: start, depth: 0 });
    }
    const timer = setTimeout(
      () => this.#budget.abort(new Error('budget de temps du site épuisé')),
      this.#limits.siteTimeoutMs,
    );
    try {
      await this.#loop();
    } finally {
      clearTimeout(timer);
      this.#unlinkShutdown();
    }
    return this.#finish();
  }

  #finish(): SiteCrawlSummary {
    this.#unlinkShutdown();
    const left = this.#frontier.clear();
    if (this.#options.signal?.aborted) this.#summary.interrupted = true;
    else if (left > 0) this.#skip('time_limit', left);
    this.#summary.durationMs = Math.round(performance.now() - this.#started);
    return this.#summary;
  }

  #stopped(): boolean {
    return this.#budget.signal.aborted || this.#options.signal?.aborted === true;
  }

  async #loop(): Promise<void> {
    const concurrency = Math.max(1, this.#options.concurrency ?? 4);
    const running = new Set<Promise<void>>();
    for (;;) {
      while (running.size < concurrency && this.#frontier.size > 0 && !this.#stopped()) {
        const item = this.#frontier.shift();
        if (item === undefined) break;
        const task: Promise<void> = this.#process(item.url, item.depth).finally(() => running.delete(task));
        running.add(task);
      }
      if (running.size === 0) return;
      await Promise.race(running);
    }
  }

  #applyResume(): void {
    const resumed = this.#options.resumeFrom ?? [];
    for (const page of resumed) {
      const url = normalizeUrl(page.url) ?? page.url;
      this.#seen.add(url);
      this.#admitted += 1;
      this.#summary.resumed += 1;
      const finalUrl = page.finalUrl === undefined ? null : normalizeUrl(page.finalUrl);
      if (finalUrl !== null) {
        this.#seen.add(finalUrl);
        const host = hostnameOf(finalUrl);
        if ((page.depth === 0 || url === this.#start) && host !== null) this.#scopeOf.addHost(host);
      }
    }
    for (const page of resumed) {
      for (const raw of page.enqueued) {
        const url = normalizeUrl(raw);
        const refused = url === null ? null : this.#admit(url, page.depth + 1, true);
        if (refused !== null) this.#skip(refused);
      }
    }
  }

  #skip(reason: SkipReason, count = 1): void {
    this.#summary.skipped[reason] = (this.#summary.skipped[reason] ?? 0) + count;
    if (reason === 'page_limit' || reason === 'time_limit') this.#summary.truncated = true;
  }

  /** Admits a normalised URL to the frontier, or says why not. Seeds from a resumed run skip the scope check. */
  #admit(url: string, depth: number, seed = false): SkipReason | null {
    if (this.#seen.has(url)) return 'duplicate';
    if (!seed && this.#scopeOf.classify(url).kind === 'out_of_scope') return 'out_of_scope';
    const shape = urlShape(url);
    const trap = trapReason(url, {
      now: this.#now(),
      shapeVariants: shape === null ? 0 : (this.#shapes.get(shape) ?? 0),
      ...(this.#options.trapRules === undefined ? {} : { rules: this.#options.trapRules }),
    });
    if (trap !== null) return 'trap';
    if (depth > this.#limits.maxDepth) return 'depth_limit';
    if (this.#admitted >= this.#limits.maxPages) return 'page_limit';
    this.#seen.add(url);
    if (shape !== null) this.#shapes.set(shape, (this.#shapes.get(shape) ?? 0) + 1);
    this.#admitted += 1;
    this.#frontier.push({ url, depth });
    return null;
  }

  /** Admits the links of a page, recording the skips; returns the URLs it added. */
  #admitAll(urls: Iterable<string>, depth: number): string[] {
    const added: string[] = [];
    for (const url of urls) {
      const refused = this.#admit(url, depth);
      if (refused === null) added.push(url);
      else this.#skip(refused);
    }
    return added;
  }

  async #process(url: string, depth: number): Promise<void> {
    try {
      if (this.#stopped()) {
        if (!this.#options.signal?.aborted) this.#skip('time_limit');
        return;
      }
      const page = await this.#crawlPage(url, depth);
      if (page === null) {
        if (!this.#options.signal?.aborted) this.#skip('time_limit');
        return;
      }
      await this.#emit(page);
    } catch (error) {
      this.#options.onError?.(error, { url, stage: 'internal' });
    }
  }

  async #emit(page: CrawledPage): Promise<void> {
    // After a shutdown, an unfinished page is left to the resumed run.
    if (this.#options.signal?.aborted) return;
    this.#summary.pages += 1;
    this.#summary.byStatus[page.status] = (this.#summary.byStatus[page.status] ?? 0) + 1;
    try {
      await this.#options.onPage(page);
    } catch (error) {
      this.#summary.pageHandlerErrors += 1;
      this.#options.onError?.(error, { url: page.url, stage: 'on_page' });
    }
  }

  #robotsFor(origin: string): Promise<RobotsPolicy> {
    let policy = this.#robots.get(origin);
    if (policy === undefined) {
      policy = this.#loadRobots(origin);
      this.#robots.set(origin, policy);
    }
    return policy;
  }

  async #loadRobots(origin: string): Promise<RobotsPolicy> {
    const url = `${origin}/robots.txt`;
    const fetched = await politeFetch(
      url,
      {
        timeoutMs: this.#limits.requestTimeoutMs,
        maxBytes: ROBOTS_MAX_BYTES,
        maxRedirects: 5,
        accept: 'text/plain,*/*;q=0.5',
      },
      this.#fetchContext,
      null,
    );
    if (fetched === null) throw new Error('robots.txt non lu : exploration arrêtée');
    return robotsPolicyFrom(url, fetched.result, this.#options.userAgentToken ?? USER_AGENT_TOKEN);
  }

  async #crawlPage(url: string, depth: number): Promise<CrawledPage | null> {
    const isStart = url === this.#start;
    const robots = await this.#robotsFor(new URL(url).origin).catch(() => null);
    if (robots === null) return null;
    if (robots.state === 'unreachable') {
      return emptyPage(url, depth, robots.fetchStatus ?? 'connection_error', robots.detail);
    }
    if (!robots.isAllowed(url)) return emptyPage(url, depth, 'robots_disallowed', robots.detail);

    const scope = this.#scopeOf;
    const fetched = await politeFetch(
      url,
      {
        timeoutMs: this.#limits.requestTimeoutMs,
        maxBytes: this.#limits.maxBytes,
        followRedirect: (_from, to) => {
          const host = hostnameOf(to);
          // Wherever the start URL leads is the site (ville.fr → www.ville-nouvelle.fr).
          if (isStart && host !== null) {
            scope.addHost(host);
            return true;
          }
          return scope.classify(to).kind !== 'out_of_scope';
        },
        readBody: ({ httpStatus, contentType }) =>
          httpStatus >= 200 && httpStatus < 300 && (contentType === null || isHtmlContentType(contentType)),
      },
      this.#fetchContext,
      robots.crawlDelayMs,
    );
    if (fetched === null || this.#options.signal?.aborted) return null;
    const page = this.#pageFrom(url, depth, fetched);
    // Decided on the HTTP outcome: a render that times out does not mean the host is down.
    const hostDown = HOST_DOWN.has(page.status);
    if (page.status === 'ok' && fetched.result.ok && fetched.result.body !== null) {
      const decoded = decodeBody(fetched.result.body, page.contentType);
      page.charset = decoded.charset;
      let html: string | null = decoded.text;
      if (this.#wantsRender(decoded.text)) {
        html = await this.#render(page, fetched.result, fetched.result.body, decoded.text);
        if (this.#options.signal?.aborted) return null;
      }
      if (html !== null) this.#readContent(page, html, isStart);
    }
    if (isStart && this.#options.useSitemaps !== false && !hostDown) {
      page.enqueued.push(...(await this.#sitemapSeeds(page.finalUrl)));
    }
    return page;
  }

  #pageFrom(url: string, depth: number, { result, verdict }: FetchedResult): CrawledPage {
    const finalUrl = normalizeUrl(result.finalUrl) ?? result.finalUrl;
    this.#seen.add(finalUrl);
    const body = result.ok ? result.body : null;
    return {
      url,
      finalUrl,
      redirectChain: result.redirectChain,
      depth,
      status: verdict.status,
      httpStatus: result.httpStatus,
      contentType: result.contentType,
      charset: null,
      bytes: result.ok ? result.bytes : 0,
      elapsedMs: result.elapsedMs,
      contentHash: body === null ? null : createHash('sha256').update(body).digest('hex'),
      headers: result.headers,
      content: null,
      platform: this.#options.isPlatformUrl(finalUrl) ?? this.#options.isPlatformUrl(url),
      enqueued: [],
      error: verdict.detail === '' ? null : verdict.detail,
      renderedWith: 'http',
    };
  }

  #wantsRender(html: string): boolean {
    const mode = this.#options.render?.mode ?? 'http';
    if (mode === 'browser') return true;
    return mode === 'auto' && javascriptDependence(html).needsBrowser;
  }

  /**
   * Renders an ok HTML page from the document already fetched (the browser does not fetch it
   * again). Returns the HTML to read: the rendered DOM, the HTTP text when the browser itself
   * failed, or null when the render timed out (the page then ends as `timeout`) or was stopped.
   */
  async #render(
    page: CrawledPage,
    response: RawResponse,
    body: Buffer,
    httpText: string,
  ): Promise<string | null> {
    const rendering = this.#options.render;
    if (rendering === undefined || this.#loader === null) return httpText;
    const rendered = await rendering.renderer.render({
      url: response.finalUrl,
      document: { body, httpStatus: response.httpStatus, headers: response.headers },
      load: this.#loader,
      timeoutMs: rendering.timeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS,
      signal: this.#shutdown.signal,
    });
    if (!rendered.ok && rendered.reason === 'aborted') return null;
    this.#summary.rendered += 1;
    if (rendered.ok) {
      page.renderedWith = 'browser';
      page.httpStatus = rendered.httpStatus;
      const finalUrl = normalizeUrl(rendered.finalUrl) ?? rendered.finalUrl;
      if (finalUrl !== page.finalUrl) {
        page.finalUrl = finalUrl;
        this.#seen.add(finalUrl);
        page.platform = this.#options.isPlatformUrl(finalUrl) ?? page.platform;
      }
      return rendered.html;
    }
    if (rendered.reason === 'timeout') {
      page.renderedWith = 'browser';
      page.status = 'timeout';
      page.error = rendered.detail;
      return null;
    }
    page.error = rendered.detail;
    this.#options.onError?.(new Error(rendered.detail), { url: page.url, stage: 'render' });
    return httpText;
  }

  /** Extracts an ok HTML page (HTTP text or rendered DOM), then admits its links (not those of a platform page). */
  #readContent(page: CrawledPage, html: string, isStart: boolean): void {
    try {
      page.content = this.#options.extract(page.finalUrl, html);
    } catch (error) {
      page.error = `extraction impossible : ${errorMessage(error)}`;
      this.#options.onError?.(error, { url: page.url, stage: 'extract' });
    }
    const scope = this.#scopeOf;
    const refresh = metaRefreshTarget(html, page.finalUrl);
    const refreshUrl = refresh === null ? null : normalizeUrl(refresh);
    if (isStart && refreshUrl !== null) {
      const host = hostnameOf(refreshUrl);
      if (host !== null) scope.addHost(host);
    }
    if (scope.classify(page.finalUrl).kind !== 'site') return;
    // A refresh is a redirect: same depth as the page.
    if (refreshUrl !== null) page.enqueued.push(...this.#admitAll([refreshUrl], page.depth));
    const links = new Set<string>();
    for (const link of page.content?.links ?? []) {
      const url = normalizeLink(link.href, page.finalUrl);
      if (url !== null && url !== page.finalUrl) links.add(url);
    }
    page.enqueued.push(...this.#admitAll(links, page.depth + 1));
  }

  /** Page URLs of the site's sitemaps, admitted at depth 1 after the homepage's own links. */
  async #sitemapSeeds(homeUrl: string): Promise<string[]> {
    const scope = this.#scopeOf;
    const origin = new URL(homeUrl).origin;
    const robots = await this.#robotsFor(origin).catch(() => null);
    if (robots === null || robots.state === 'unavailable' || robots.state === 'unreachable') return [];
    const listed = robots.sitemaps.length > 0 ? robots.sitemaps : [`${origin}/sitemap.xml`];
    const sitemapUrls = listed.filter((url) => scope.classify(url).kind === 'site');
    const urls = await collectSitemapUrls({
      sitemapUrls,
      fetchText: (url) => this.#fetchSitemap(url),
      maxUrls: this.#options.maxSitemapUrls ?? 1000,
      maxFiles: SITEMAP_MAX_FILES,
    });
    const normalised = new Set<string>();
    for (const url of urls) {
      const clean = normalizeUrl(url);
      if (clean !== null) normalised.add(clean);
    }
    return this.#admitAll(normalised, 1);
  }

  async #fetchSitemap(url: string): Promise<string | null> {
    const scope = this.#scopeOf;
    const robots = await this.#robotsFor(new URL(url).origin).catch(() => null);
    if (robots === null || !robots.isAllowed(url)) return null;
    const fetched = await politeFetch(
      url,
      {
        timeoutMs: this.#limits.requestTimeoutMs,
        maxBytes: SITEMAP_MAX_BYTES,
        accept: 'application/xml,text/xml;q=0.9,*/*;q=0.5',
        followRedirect: (_from, to) => scope.classify(to).kind === 'site',
      },
      this.#fetchContext,
      robots.crawlDelayMs,
    );
    const result = fetched?.result;
    if (result === undefined || !result.ok || result.httpStatus !== 200 || result.body === null) return null;
    return sitemapText(result.body, SITEMAP_MAX_BYTES);
  }
}

export function crawlSite(options: CrawlSiteOptions): Promise<SiteCrawlSummary> {
  return new SiteCrawl(options).run();
}
