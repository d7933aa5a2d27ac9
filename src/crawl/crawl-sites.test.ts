import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linksPage, sendHtml, startTestServer, type TestServer } from '../../test/support/http-server.ts';
import { simpleExtract } from '../../test/support/simple-extract.ts';
import type { CrawledPage, CrawlLimits } from './crawl.types.ts';
import { type CrawlSitesOptions, crawlSites, type SiteJob, type SiteOutcome } from './crawl-sites.ts';
import { createHttpClient, DEFAULT_USER_AGENT, type HttpClient } from './http-client.ts';
import { createHostScheduler } from './politeness.ts';

const LIMITS: CrawlLimits = {
  maxPages: 20,
  maxDepth: 3,
  maxBytes: 100_000,
  requestTimeoutMs: 2000,
  siteTimeoutMs: 5000,
};

interface Job extends SiteJob {
  id: string;
}

let server: TestServer;
let client: HttpClient;

beforeAll(async () => {
  // Every "ville-N.test" has a homepage linking to two pages.
  server = await startTestServer((request, response) => {
    if (request.url === '/robots.txt') return sendHtml(response, '', 404);
    if (request.url === '/') return sendHtml(response, linksPage('Accueil', ['/a', '/b']));
    return sendHtml(response, linksPage(request.url ?? '', []));
  });
  client = createHttpClient({
    userAgent: DEFAULT_USER_AGENT,
    allowPrivateNetwork: true,
    connectTo: () => ({ address: '127.0.0.1', port: server.port }),
  });
});

afterAll(async () => {
  await client.close();
  await server.close();
});

function options(overrides: Partial<CrawlSitesOptions<Job>> = {}): CrawlSitesOptions<Job> {
  return {
    siteConcurrency: 2,
    limits: LIMITS,
    scheduler: createHostScheduler({ perHostConcurrency: 2, delayMs: 0 }),
    client,
    extract: simpleExtract,
    isPlatformUrl: () => null,
    useSitemaps: false,
    onPage: () => undefined,
    ...overrides,
  };
}

const jobs = (count: number): Job[] =>
  Array.from({ length: count }, (_, i) => ({ id: `v${i}`, startUrl: `http://ville-${i}.test/` }));

describe('crawlSites', () => {
  it('crawls every site, streaming pages with their site', async () => {
    const pages: [string, string][] = [];
    const done: string[] = [];
    const summary = await crawlSites(
      jobs(3),
      options({
        onPage: (page: CrawledPage, site: Job) => {
          pages.push([site.id, page.url]);
        },
        onSiteDone: (site: Job, outcome: SiteOutcome) => {
          done.push(`${site.id}:${outcome.ok ? outcome.summary.pages : 'erreur'}`);
        },
      }),
    );
    expect(summary).toMatchObject({
      sites: 3,
      failedSites: 0,
      pages: 9,
      byStatus: { ok: 9 },
      interrupted: false,
    });
    expect(done.sort()).toEqual(['v0:3', 'v1:3', 'v2:3']);
    expect(pages.filter(([id]) => id === 'v1').map(([, url]) => url)).toEqual([
      'http://ville-1.test/',
      'http://ville-1.test/a',
      'http://ville-1.test/b',
    ]);
  });

  it('isolates a site that throws', async () => {
    const broken = {
      id: 'cassé',
      startUrl: 'http://ville-x.test/',
      get resumeFrom(): never {
        throw new Error('reprise illisible');
      },
    };
    const outcomes: string[] = [];
    const summary = await crawlSites(
      [...jobs(2), broken as Job],
      options({
        onSiteDone: (site: Job, outcome: SiteOutcome) => {
          outcomes.push(`${site.id}:${outcome.ok ? 'ok' : (outcome.error as Error).message}`);
        },
      }),
    );
    expect(summary).toMatchObject({ sites: 3, failedSites: 1, pages: 6 });
    expect(outcomes.sort()).toEqual(['cassé:reprise illisible', 'v0:ok', 'v1:ok']);
  });

  it('pulls sites lazily from an async iterable, never more than siteConcurrency at once', async () => {
    let active = 0;
    let peak = 0;
    async function* source(): AsyncGenerator<Job> {
      for (const job of jobs(6)) {
        active += 1;
        peak = Math.max(peak, active);
        yield job;
      }
    }
    const summary = await crawlSites(
      source(),
      options({
        siteConcurrency: 2,
        onSiteDone: () => {
          active -= 1;
        },
      }),
    );
    expect(summary.sites).toBe(6);
    expect(peak).toBeLessThanOrEqual(2);
  });

  it('stops pulling sites on shutdown', async () => {
    const controller = new AbortController();
    const summary = await crawlSites(
      jobs(5),
      options({
        siteConcurrency: 1,
        signal: controller.signal,
        onSiteDone: () => controller.abort(new Error('arrêt')),
      }),
    );
    expect(summary).toMatchObject({ sites: 1, interrupted: true });
  });
});
