/**
 * The floor: the least a crawler must do for the pages the pipeline crawled — fetch each one
 * once with the same HTTP client, timeouts and redirect decisions, under the same concurrency
 * budget (sites at once, requests per site, and requests per host through a host scheduler
 * with the same limits), decode HTML bodies with the same charset logic and parse them fully
 * with htmlparser2. No robots.txt, sitemaps, scope, retries, detection, hashing or storage.
 */
import { Parser } from 'htmlparser2';
import { decodeBody } from '../src/crawl/charset.ts';
import type { CrawlLimits, NetworkOptions } from '../src/crawl/crawl.types.ts';
import { isHtmlContentType } from '../src/crawl/fetch-outcome.ts';
import { createHttpClient, DEFAULT_USER_AGENT, type HttpClient } from '../src/crawl/http-client.ts';
import { createHostScheduler } from '../src/crawl/politeness.ts';
import type { Database } from '../src/db/database.ts';
import type { Budget } from './pipeline.ts';

/** Statuses the pipeline recorded without a request: robots.txt said no, or the URL was unreadable. */
const NOT_FETCHED = ['robots_disallowed', 'invalid_url'];

export interface FloorPage {
  url: string;
  /** The pipeline refused the redirect (out of scope): the floor refuses it too. */
  followRedirects: boolean;
}

export interface FloorSite {
  pages: FloorPage[];
}

export interface FloorWork {
  sites: FloorSite[];
  /** Every page the pipeline stored, fetched or not: the denominator of both pages/s. */
  pagesStored: number;
  pagesToFetch: number;
}

/**
 * The pages the pipeline stored, per site in the order the crawler asked for them: shallowest
 * first, in discovery order within a depth (src/crawl/frontier.ts), discovery order being read
 * back from each page's `enqueued` list. Storage order would not do: slow pages are stored last,
 * and fetching them last would lengthen every site's tail and flatter the pipeline.
 */
export async function floorWork(database: Database): Promise<FloorWork> {
  const rows = await database.db
    .selectFrom('audit_pages')
    .select(['id', 'site_id', 'url', 'status', 'depth', 'enqueued'])
    .orderBy('id')
    .execute();
  const bySite = new Map<number, { rows: typeof rows; discovered: Map<string, number> }>();
  for (const row of rows) {
    let site = bySite.get(row.site_id);
    if (site === undefined) {
      site = { rows: [], discovered: new Map() };
      bySite.set(row.site_id, site);
    }
    site.rows.push(row);
    for (const url of JSON.parse(row.enqueued) as string[]) {
      if (!site.discovered.has(url)) site.discovered.set(url, site.discovered.size);
    }
  }
  let pagesToFetch = 0;
  const sites: FloorSite[] = [];
  for (const { rows: siteRows, discovered } of bySite.values()) {
    const order = (row: (typeof rows)[number]) => discovered.get(row.url) ?? -1;
    const pages = siteRows
      .filter((row) => !NOT_FETCHED.includes(row.status))
      .sort((a, b) => a.depth - b.depth || order(a) - order(b) || a.id - b.id)
      .map((row) => ({ url: row.url, followRedirects: row.status !== 'redirect_out_of_scope' }));
    pagesToFetch += pages.length;
    sites.push({ pages });
  }
  return { sites, pagesStored: rows.length, pagesToFetch };
}

export interface FloorResult {
  fetched: number;
  parsed: number;
  parsedBytes: number;
  failures: number;
}

const noop = (): void => undefined;

/** A full tokenisation with attributes and text decoded, no DOM kept. */
function parseHtml(html: string): void {
  const parser = new Parser(
    { onopentag: noop, ontext: noop, onclosetag: noop, oncomment: noop },
    { decodeEntities: true },
  );
  parser.end(html);
}

export async function runFloor(
  work: FloorWork,
  network: Partial<NetworkOptions>,
  budget: Budget,
  limits: CrawlLimits,
): Promise<FloorResult> {
  const client = createHttpClient({ userAgent: DEFAULT_USER_AGENT, allowPrivateNetwork: false, ...network });
  const scheduler = createHostScheduler({
    perHostConcurrency: budget.hostConcurrency,
    delayMs: budget.hostDelayMs,
  });
  const result: FloorResult = { fetched: 0, parsed: 0, parsedBytes: 0, failures: 0 };
  const queue = [...work.sites];

  const fetchOne = async (page: FloorPage): Promise<void> => {
    const release = await scheduler.acquire(new URL(page.url).hostname);
    let response: Awaited<ReturnType<HttpClient['fetchPage']>>;
    try {
      response = await client.fetchPage(page.url, {
        timeoutMs: limits.requestTimeoutMs,
        maxBytes: limits.maxBytes,
        followRedirect: () => page.followRedirects,
        readBody: ({ httpStatus, contentType }) =>
          httpStatus >= 200 && httpStatus < 300 && (contentType === null || isHtmlContentType(contentType)),
      });
    } finally {
      release();
    }
    result.fetched += 1;
    if (!response.ok) {
      result.failures += 1;
      return;
    }
    if (response.body === null) return;
    const decoded = decodeBody(response.body, response.contentType);
    parseHtml(decoded.text);
    result.parsed += 1;
    result.parsedBytes += decoded.text.length;
  };

  const crawlSite = async (site: FloorSite): Promise<void> => {
    let next = 0;
    const worker = async () => {
      while (next < site.pages.length) {
        const page = site.pages[next++] as FloorPage;
        await fetchOne(page);
      }
    };
    await Promise.all(Array.from({ length: budget.perSiteConcurrency }, worker));
  };

  const siteWorker = async () => {
    for (let site = queue.shift(); site !== undefined; site = queue.shift()) await crawlSite(site);
  };

  try {
    await Promise.all(Array.from({ length: budget.siteConcurrency }, siteWorker));
  } finally {
    await client.close();
  }
  return result;
}
