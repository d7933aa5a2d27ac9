import type { PageContent } from '../detection/page.ts';

/**
 * Every fetch ends in exactly one of these statuses; they are stored per page and counted per
 * site. `classifyFetch` (fetch-outcome.ts) is the one function that decides them and retries.
 */
export const FETCH_STATUSES = [
  'ok',
  'not_found',
  'client_error',
  'blocked',
  'server_error',
  'timeout',
  'dns_error',
  'connection_error',
  'tls_error',
  'robots_disallowed',
  'too_large',
  'not_html',
  'redirect_loop',
  'too_many_redirects',
  /** A redirect pointed outside the site and its platforms: not followed; `headers.location` keeps the target. */
  'redirect_out_of_scope',
  'ssrf_blocked',
  'invalid_url',
] as const;
export type FetchStatus = (typeof FETCH_STATUSES)[number];

/** Why a discovered URL was not fetched at all; counted per site, not stored per URL. */
export const SKIP_REASONS = [
  'out_of_scope',
  'trap',
  'duplicate',
  'depth_limit',
  'page_limit',
  'time_limit',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface CrawledPage {
  /** Normalised URL that was requested. */
  url: string;
  /** URL of the last response after redirects (same as `url` without redirects). */
  finalUrl: string;
  redirectChain: string[];
  depth: number;
  status: FetchStatus;
  httpStatus: number | null;
  contentType: string | null;
  /** Charset used to decode the body (from header, BOM or <meta>), e.g. "utf-8", "windows-1252". */
  charset: string | null;
  bytes: number;
  /** From request start to the last byte of the body. */
  elapsedMs: number;
  /** sha256 hex of the raw body, null when none was read. */
  contentHash: string | null;
  /** Response headers that portal checks read (lowercase names): security headers, server, content-type… */
  headers: Record<string, string>;
  /** Parsed page when status is ok and the body is HTML. */
  content: PageContent | null;
  /** Key of the known e-service platform the final URL belongs to, if any. */
  platform: string | null;
  /** Normalised URLs this page added to the frontier (kept so an interrupted crawl can resume). */
  enqueued: string[];
  /** Short technical detail for non-ok statuses. */
  error: string | null;
  /**
   * How `content` was obtained: the HTML the server sent, or the DOM after a headless browser
   * ran the page's scripts (browser mode, docs/adr/0004-browser-mode.md). The HTTP facts
   * (status, headers, bytes, hash, elapsedMs) are always those of the HTTP fetch.
   */
  renderedWith: 'http' | 'browser';
}

/**
 * When pages are rendered by a headless browser: never ('http', the default), only pages that
 * look JavaScript-dependent after the HTTP fetch ('auto'), or every HTML page ('browser').
 */
export const RENDER_MODES = ['http', 'auto', 'browser'] as const;
export type RenderMode = (typeof RENDER_MODES)[number];

export interface PolitenessOptions {
  /** Simultaneous requests per host. */
  perHostConcurrency: number;
  /** Minimum delay between two requests to the same host; robots.txt Crawl-delay raises it. */
  delayMs: number;
}

export interface CrawlLimits {
  maxPages: number;
  maxDepth: number;
  /** Bodies larger than this end as too_large. */
  maxBytes: number;
  requestTimeoutMs: number;
  /** Wall-clock budget for one site. */
  siteTimeoutMs: number;
}

/** How the HTTP client reaches hosts; the defaults are for the real web. */
export interface NetworkOptions {
  userAgent: string;
  /** Allow private, loopback and link-local addresses (the local fixture farm needs it). */
  allowPrivateNetwork: boolean;
  /**
   * Replaces DNS and the port: like curl's --connect-to, connects to `address:port` for a
   * hostname and scheme, keeping the Host header and TLS server name. Undefined → real DNS.
   */
  connectTo?: (
    hostname: string,
    protocol: 'http:' | 'https:',
  ) => { address: string; port: number } | undefined;
  /** Extra CA certificates (PEM) to trust, e.g. the fixture farm's self-signed one. */
  ca?: string;
}

export interface SiteCrawlSummary {
  pages: number;
  byStatus: Partial<Record<FetchStatus, number>>;
  skipped: Partial<Record<SkipReason, number>>;
  durationMs: number;
  /** True when the crawl stopped on a limit (pages, time) rather than an exhausted frontier. */
  truncated: boolean;
  /** Pages of an interrupted earlier run taken from `resumeFrom`: not fetched again, counted in the page limit. */
  resumed: number;
  /** True when the caller's signal stopped the crawl (shutdown): the run can be resumed later. */
  interrupted: boolean;
  /** Pages whose `onPage` handler threw: recorded here, the crawl went on. */
  pageHandlerErrors: number;
  /** Pages rendered by the headless browser (browser mode), whatever the outcome. */
  rendered: number;
}

/** A page stored by an interrupted run: not fetched again, its enqueued URLs seed the frontier. */
export interface ResumePage {
  url: string;
  depth: number;
  enqueued: string[];
  /** Final URL after redirects, when known: for the start URL it widens the site's scope like a live redirect. */
  finalUrl?: string;
}
