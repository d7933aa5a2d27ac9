/**
 * Many site crawls at once over one HTTP client and one per-host scheduler. Sites are pulled
 * from a (possibly async) iterable as workers free up, pages stream to `onPage`, and a site's
 * state is dropped when it ends: memory depends on `siteConcurrency`, not on the number of sites.
 * A site that throws is reported and the others go on.
 */
import { setMaxListeners } from 'node:events';
import { followSignal } from './abort.ts';
import type { CrawledPage, FetchStatus, ResumePage, SiteCrawlSummary } from './crawl.types.ts';
import { type CrawlErrorContext, type CrawlSiteOptions, crawlSite } from './site-crawler.ts';

export interface SiteJob {
  startUrl: string;
  resumeFrom?: readonly ResumePage[];
}

export type SiteOutcome = { ok: true; summary: SiteCrawlSummary } | { ok: false; error: unknown };

export interface CrawlSitesOptions<S extends SiteJob>
  extends Omit<CrawlSiteOptions, 'startUrl' | 'resumeFrom' | 'onPage' | 'onError'> {
  /** Sites crawled at the same time. */
  siteConcurrency: number;
  onPage: (page: CrawledPage, site: S) => void | Promise<void>;
  /** Called once per site, whether it ended normally or threw. */
  onSiteDone?: (site: S, outcome: SiteOutcome) => void | Promise<void>;
  onError?: (error: unknown, context: CrawlErrorContext & { site: S }) => void;
}

export interface CrawlSitesSummary {
  sites: number;
  /** Sites whose crawl threw (a crawler bug or a failing onSiteDone): reported to onSiteDone. */
  failedSites: number;
  pages: number;
  byStatus: Partial<Record<FetchStatus, number>>;
  truncatedSites: number;
  durationMs: number;
  interrupted: boolean;
}

export async function crawlSites<S extends SiteJob>(
  sites: Iterable<S> | AsyncIterable<S>,
  options: CrawlSitesOptions<S>,
): Promise<CrawlSitesSummary> {
  const started = performance.now();
  const { siteConcurrency, onPage, onSiteDone, onError, signal, ...rest } = options;
  // Sites listen to our own copy of the shutdown signal: one listener on the caller's.
  const shutdown = new AbortController();
  const unlink = followSignal(shutdown, signal);
  setMaxListeners(siteConcurrency + 10, shutdown.signal);
  const shared = { ...rest, ...(signal === undefined ? {} : { signal: shutdown.signal }) };
  const total: CrawlSitesSummary = {
    sites: 0,
    failedSites: 0,
    pages: 0,
    byStatus: {},
    truncatedSites: 0,
    durationMs: 0,
    interrupted: false,
  };
  const iterator =
    Symbol.asyncIterator in sites
      ? (sites as AsyncIterable<S>)[Symbol.asyncIterator]()
      : (sites as Iterable<S>)[Symbol.iterator]();

  async function crawlOne(site: S): Promise<void> {
    total.sites += 1;
    let outcome: SiteOutcome;
    try {
      const summary = await crawlSite({
        ...shared,
        startUrl: site.startUrl,
        ...(site.resumeFrom === undefined ? {} : { resumeFrom: site.resumeFrom }),
        onPage: (page) => onPage(page, site),
        ...(onError === undefined
          ? {}
          : { onError: (error, context) => onError(error, { ...context, site }) }),
      });
      total.pages += summary.pages;
      for (const [status, count] of Object.entries(summary.byStatus) as [FetchStatus, number][]) {
        total.byStatus[status] = (total.byStatus[status] ?? 0) + count;
      }
      if (summary.truncated) total.truncatedSites += 1;
      outcome = { ok: true, summary };
    } catch (error) {
      total.failedSites += 1;
      outcome = { ok: false, error };
    }
    try {
      await onSiteDone?.(site, outcome);
    } catch (error) {
      if (outcome.ok) total.failedSites += 1;
      onError?.(error, { url: site.startUrl, stage: 'on_page', site });
    }
  }

  async function worker(): Promise<void> {
    while (!signal?.aborted) {
      const next = await iterator.next();
      if (next.done === true) return;
      await crawlOne(next.value);
    }
  }

  try {
    await Promise.all(Array.from({ length: Math.max(1, siteConcurrency) }, worker));
  } finally {
    unlink();
  }
  total.interrupted = signal?.aborted === true;
  total.durationMs = Math.round(performance.now() - started);
  return total;
}
