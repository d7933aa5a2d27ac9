/**
 * robots.txt, read once per origin and crawl, interpreted as Google documents it:
 * a 4xx means "no rules" (allow all); a 5xx, a 429 or a timeout means "assume everything is
 * disallowed" for this crawl; a host that cannot be reached at all stays unreachable.
 */
import robotsParserModule from 'robots-parser';
import type { FetchStatus } from './crawl.types.ts';
import { classifyFetch } from './fetch-outcome.ts';
import type { FetchFailure, RawResponse } from './http-client.ts';

/** Crawl-delay beyond this is capped: a site cannot stall the observatory for minutes per page. */
export const MAX_CRAWL_DELAY_MS = 10_000;
/** Google reads the first 500 KiB of a robots.txt. */
export const ROBOTS_MAX_BYTES = 512_000;

export type RobotsState =
  /** Rules read from a 2xx response. */
  | 'parsed'
  /** 4xx, redirect problems, oversized: no rules, everything allowed. */
  | 'missing'
  /** 5xx, 429 or timeout: everything disallowed for this crawl. */
  | 'unavailable'
  /** DNS, connection, TLS or SSRF failure: the host itself cannot be reached. */
  | 'unreachable';

export interface RobotsPolicy {
  state: RobotsState;
  /** Status of the robots.txt fetch when it failed (unavailable, unreachable). */
  fetchStatus: FetchStatus | null;
  /** French explanation, used as the `error` of pages it stops. */
  detail: string;
  isAllowed(url: string): boolean;
  /** Crawl-delay for our user agent, in ms and capped, or null. */
  crawlDelayMs: number | null;
  /** Sitemap URLs listed in the file. */
  sitemaps: string[];
}

type RobotsParser = typeof robotsParserModule.default;
// CommonJS `module.exports = fn` typed as `export default fn`: Node hands us the function itself.
const robotsParser: RobotsParser =
  typeof robotsParserModule === 'function'
    ? (robotsParserModule as RobotsParser)
    : robotsParserModule.default;

export function robotsUrlFor(url: string): string {
  return `${new URL(url).origin}/robots.txt`;
}

const UNREACHABLE: ReadonlySet<FetchStatus> = new Set([
  'dns_error',
  'connection_error',
  'tls_error',
  'ssrf_blocked',
]);

function allowAll(detail: string): RobotsPolicy {
  return {
    state: 'missing',
    fetchStatus: null,
    detail,
    isAllowed: () => true,
    crawlDelayMs: null,
    sitemaps: [],
  };
}

function disallowAll(
  state: 'unavailable' | 'unreachable',
  fetchStatus: FetchStatus,
  detail: string,
): RobotsPolicy {
  return { state, fetchStatus, detail, isAllowed: () => false, crawlDelayMs: null, sitemaps: [] };
}

/** Rules of a robots.txt body for the given user-agent token. */
export function parseRobots(robotsUrl: string, body: string, userAgentToken: string): RobotsPolicy {
  const robots = robotsParser(robotsUrl, body);
  const delay = robots.getCrawlDelay(userAgentToken);
  return {
    state: 'parsed',
    fetchStatus: null,
    detail: 'exploration interdite par robots.txt',
    // undefined means "URL of another origin": not this file's business.
    isAllowed: (url) => robots.isAllowed(url, userAgentToken) !== false,
    crawlDelayMs:
      delay === undefined || !Number.isFinite(delay) || delay <= 0
        ? null
        : Math.min(MAX_CRAWL_DELAY_MS, Math.round(delay * 1000)),
    sitemaps: robots.getSitemaps(),
  };
}

/** The policy a robots.txt fetch result implies. `robotsUrl` is the URL asked, before redirects. */
export function robotsPolicyFrom(
  robotsUrl: string,
  result: RawResponse | FetchFailure,
  userAgentToken: string,
): RobotsPolicy {
  if (!result.ok) {
    const verdict = classifyFetch({ error: result.error, httpStatus: result.httpStatus });
    if (UNREACHABLE.has(verdict.status)) {
      return disallowAll('unreachable', verdict.status, `robots.txt injoignable : ${verdict.detail}`);
    }
    if (verdict.status === 'timeout') {
      return disallowAll(
        'unavailable',
        verdict.status,
        `robots.txt sans réponse (${verdict.detail}) : exploration suspendue`,
      );
    }
    return allowAll(`robots.txt inutilisable (${verdict.detail}) : aucune règle`);
  }
  const status = result.httpStatus;
  if (status === 429 || status >= 500) {
    return disallowAll(
      'unavailable',
      status === 429 ? 'blocked' : 'server_error',
      `robots.txt indisponible (HTTP ${status}) : exploration suspendue`,
    );
  }
  if (status >= 300) return allowAll(`robots.txt absent (HTTP ${status}) : aucune règle`);
  return parseRobots(robotsUrl, result.body?.toString('utf-8') ?? '', userAgentToken);
}
