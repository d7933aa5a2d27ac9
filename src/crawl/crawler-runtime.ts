import type { Config } from '../config/config.ts';
import { extractPage } from '../detection/html-extract.ts';
import { matchPlatform } from '../detection/platforms.ts';
import type { NetworkOptions, PolitenessOptions } from './crawl.types.ts';
import { createHttpClient, DEFAULT_USER_AGENT, type HttpClient } from './http-client.ts';
import { createHostScheduler, type HostScheduler } from './politeness.ts';
import type { IsPlatformUrl } from './scope.ts';
import type { PageExtractor } from './site-crawler.ts';

export interface CrawlerRuntime {
  client: HttpClient;
  scheduler: HostScheduler;
  extract: PageExtractor;
  isPlatformUrl: IsPlatformUrl;
  close(): Promise<void>;
}

/**
 * One HTTP client and one host scheduler per process, so politeness holds across every site
 * crawled at once. `network` overrides reach the simulated farm instead of the real web.
 */
export function createCrawlerRuntime(
  config: Pick<Config, 'crawlUserAgent' | 'crawlDelayMs' | 'crawlHostConcurrency'>,
  overrides: { network?: Partial<NetworkOptions>; politeness?: Partial<PolitenessOptions> } = {},
): CrawlerRuntime {
  const client = createHttpClient({
    userAgent: config.crawlUserAgent ?? DEFAULT_USER_AGENT,
    allowPrivateNetwork: false,
    ...overrides.network,
  });
  const scheduler = createHostScheduler({
    perHostConcurrency: config.crawlHostConcurrency,
    delayMs: config.crawlDelayMs,
    ...overrides.politeness,
  });
  return {
    client,
    scheduler,
    extract: extractPage,
    isPlatformUrl: (url) => matchPlatform(url)?.key ?? null,
    close: () => client.close(),
  };
}
