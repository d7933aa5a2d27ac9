/**
 * Optional middle figure (`--crawler-only`): the crawler of src/crawl alone (crawlSites with
 * robots.txt, sitemaps, scope, traps, breadth-first discovery and the page extractor it needs for
 * links), without detection, storage, portal checks or proposals. Between the floor and the
 * pipeline, it separates what discovering pages costs (a page is fetched only once a page linking
 * to it was read) from what the audit adds per page.
 */
import type { CrawlLimits, FetchStatus, NetworkOptions } from '../src/crawl/crawl.types.ts';
import { crawlSites } from '../src/crawl/crawl-sites.ts';
import { createCrawlerRuntime } from '../src/crawl/crawler-runtime.ts';
import type { Budget } from './pipeline.ts';

export interface CrawlerOnlyResult {
  pages: number;
  byStatus: Partial<Record<FetchStatus, number>>;
}

export async function runCrawlerOnly(
  startUrls: readonly string[],
  network: Partial<NetworkOptions>,
  budget: Budget,
  limits: CrawlLimits,
): Promise<CrawlerOnlyResult> {
  const runtime = createCrawlerRuntime(
    {
      crawlUserAgent: undefined,
      crawlDelayMs: budget.hostDelayMs,
      crawlHostConcurrency: budget.hostConcurrency,
    },
    { network },
  );
  try {
    const summary = await crawlSites(
      startUrls.map((startUrl) => ({ startUrl })),
      {
        siteConcurrency: budget.siteConcurrency,
        concurrency: budget.perSiteConcurrency,
        limits,
        scheduler: runtime.scheduler,
        client: runtime.client,
        extract: runtime.extract,
        isPlatformUrl: runtime.isPlatformUrl,
        onPage: () => undefined,
      },
    );
    return { pages: summary.pages, byStatus: summary.byStatus };
  } finally {
    await runtime.close();
  }
}
