import type { Config } from '../config/config.ts';
import { extractPage } from '../detection/html-extract.ts';
import { matchPlatform } from '../detection/platforms.ts';
import { createBrowserRenderer } from './browser-renderer.ts';
import type { NetworkOptions, PolitenessOptions, RenderMode } from './crawl.types.ts';
import { createHttpClient, DEFAULT_USER_AGENT, type HttpClient } from './http-client.ts';
import { createHostScheduler, type HostScheduler } from './politeness.ts';
import type { IsPlatformUrl } from './scope.ts';
import type { PageExtractor, PageRendering } from './site-crawler.ts';

export interface CrawlerRuntime {
  client: HttpClient;
  scheduler: HostScheduler;
  extract: PageExtractor;
  isPlatformUrl: IsPlatformUrl;
  /** Chromium rendering of JavaScript-dependent pages, when asked for (docs/adr/0004). */
  render?: PageRendering;
  close(): Promise<void>;
}

export interface CrawlerOverrides {
  network?: Partial<NetworkOptions>;
  politeness?: Partial<PolitenessOptions>;
  /** 'http' (default) never starts a browser. */
  renderMode?: RenderMode;
}

/**
 * One HTTP client and one host scheduler per process, so politeness holds across every site
 * crawled at once. `network` overrides reach the simulated farm instead of the real web.
 */
export function createCrawlerRuntime(
  config: Pick<Config, 'crawlUserAgent' | 'crawlDelayMs' | 'crawlHostConcurrency'>,
  overrides: CrawlerOverrides = {},
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
  const mode = overrides.renderMode ?? 'http';
  const renderer = mode === 'http' ? undefined : createBrowserRenderer();
  return {
    client,
    scheduler,
    extract: extractPage,
    isPlatformUrl: (url) => matchPlatform(url)?.key ?? null,
    ...(renderer ? { render: { mode, renderer } } : {}),
    close: async () => {
      await renderer?.close();
      await client.close();
    },
  };
}
