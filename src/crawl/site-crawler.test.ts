import type { IncomingMessage, ServerResponse } from 'node:http';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { linksPage, sendHtml, startTestServer, type TestServer } from '../../test/support/http-server.ts';
import { simpleExtract } from '../../test/support/simple-extract.ts';
import type { CrawledPage, CrawlLimits, NetworkOptions } from './crawl.types.ts';
import {
  createHttpClient,
  DEFAULT_USER_AGENT,
  type HttpClient,
  type HttpClientOptions,
} from './http-client.ts';
import { createHostScheduler } from './politeness.ts';
import { type CrawlSiteOptions, crawlSite } from './site-crawler.ts';

type Route = string | ((request: IncomingMessage, response: ServerResponse) => unknown);

const HOME = 'http://www.ville-a.test/';
const LIMITS: CrawlLimits = {
  maxPages: 50,
  maxDepth: 5,
  maxBytes: 1_000_000,
  requestTimeoutMs: 2000,
  siteTimeoutMs: 10_000,
};
const TIMER_SLACK_MS = 3;

interface Farm {
  server: TestServer;
  client: HttpClient;
  pages: CrawledPage[];
  /** Paths requested per host, robots.txt included, in arrival order. */
  requested(host?: string): string[];
  crawl(overrides?: Partial<CrawlSiteOptions>): ReturnType<typeof crawlSite>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** One local server answering for every *.test host (routes keyed "host/path?query"). */
async function farm(
  routes: Record<string, Route>,
  network: Partial<NetworkOptions> = {},
  clientOptions: HttpClientOptions = {},
): Promise<Farm> {
  const server = await startTestServer((request, response) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    const route = routes[`${host}${request.url ?? '/'}`];
    if (route === undefined) return sendHtml(response, 'absent', 404);
    if (typeof route === 'string') return sendHtml(response, route);
    return route(request, response);
  });
  const client = createHttpClient(
    {
      userAgent: DEFAULT_USER_AGENT,
      allowPrivateNetwork: true,
      connectTo: (hostname) =>
        hostname.endsWith('.test') ? { address: '127.0.0.1', port: server.port } : undefined,
      ...network,
    },
    clientOptions,
  );
  cleanups.push(async () => {
    await client.close();
    await server.close();
  });
  const pages: CrawledPage[] = [];
  return {
    server,
    client,
    pages,
    requested: (host = 'www.ville-a.test') =>
      server.requests.filter((r) => r.headers.host?.startsWith(host)).map((r) => r.url),
    crawl: (overrides = {}) =>
      crawlSite({
        startUrl: HOME,
        limits: LIMITS,
        scheduler: createHostScheduler({ perHostConcurrency: 2, delayMs: 0 }),
        client,
        extract: simpleExtract,
        isPlatformUrl: (url) => (new URL(url).hostname === 'demarches.plateforme.test' ? 'plateforme' : null),
        onPage: (page) => {
          pages.push(page);
        },
        now: () => new Date('2026-11-21T12:00:00Z'),
        retryBackoff: { baseMs: 5, maxMs: 20 },
        useSitemaps: false,
        ...overrides,
      }),
  };
}

const byUrl = (pages: CrawledPage[]) => new Map(pages.map((page) => [page.url, page]));

describe('crawlSite', () => {
  it('crawls breadth-first within the site and reports every page once', async () => {
    const site = await farm({
      'www.ville-a.test/': linksPage('Accueil', [
        '/a',
        '/b',
        'mailto:mairie@ville-a.test',
        'https://www.autre-ville.test/',
        '/a#haut',
        '/b?utm_source=lettre',
      ]),
      'www.ville-a.test/a': linksPage('A', ['/c', '/']),
      'www.ville-a.test/b': linksPage('B', ['/c']),
      'www.ville-a.test/c': linksPage('C', []),
    });
    const summary = await site.crawl({ concurrency: 1 });
    expect(site.pages.map((page) => [page.url, page.depth, page.status])).toEqual([
      [HOME, 0, 'ok'],
      [`${HOME}a`, 1, 'ok'],
      [`${HOME}b`, 1, 'ok'],
      [`${HOME}c`, 2, 'ok'],
    ]);
    const home = site.pages[0];
    expect(home?.enqueued).toEqual([`${HOME}a`, `${HOME}b`]);
    expect(home?.content?.title).toBe('Accueil');
    expect(home?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(home?.headers['content-type']).toContain('text/html');
    expect(summary).toMatchObject({
      pages: 4,
      byStatus: { ok: 4 },
      skipped: { out_of_scope: 1, duplicate: 2 },
      truncated: false,
      interrupted: false,
    });
    expect(site.requested()).toEqual(['/robots.txt', '/', '/a', '/b', '/c']);
    expect(site.requested('www.autre-ville.test')).toEqual([]);
  });

  it('follows the start URL to where it redirects and widens the site to that host', async () => {
    const site = await farm({
      'ville-a.test/': (_request, response) =>
        sendHtml(response, '', 301, { location: 'http://www.ville-nouvelle.test/' }),
      'www.ville-nouvelle.test/': linksPage('Accueil', ['http://agenda.ville-nouvelle.test/']),
      'agenda.ville-nouvelle.test/': linksPage('Agenda', []),
    });
    await site.crawl({ startUrl: 'http://ville-a.test/' });
    expect(site.pages.map((page) => [page.url, page.finalUrl, page.status])).toEqual([
      ['http://ville-a.test/', 'http://www.ville-nouvelle.test/', 'ok'],
      ['http://agenda.ville-nouvelle.test/', 'http://agenda.ville-nouvelle.test/', 'ok'],
    ]);
    expect(site.pages[0]?.redirectChain).toEqual(['http://ville-a.test/']);
  });

  it('does not follow a redirect out of the site, and keeps its target', async () => {
    const site = await farm({
      'www.ville-a.test/': linksPage('Accueil', ['/facebook']),
      'www.ville-a.test/facebook': (_request, response) =>
        sendHtml(response, '', 302, { location: 'https://www.facebook.test/ville' }),
    });
    await site.crawl();
    const page = byUrl(site.pages).get(`${HOME}facebook`);
    expect(page).toMatchObject({ status: 'redirect_out_of_scope', httpStatus: 302 });
    expect(page?.headers.location).toBe('https://www.facebook.test/ville');
    expect(site.requested('www.facebook.test')).toEqual([]);
  });

  it('fetches e-service platform pages one level deep, without following their links', async () => {
    const site = await farm({
      'www.ville-a.test/': linksPage('Accueil', [
        'http://demarches.plateforme.test/ville-a/inscription',
        '/teleservices',
      ]),
      'www.ville-a.test/teleservices': (_request, response) =>
        sendHtml(response, '', 302, { location: 'http://demarches.plateforme.test/ville-a/' }),
      'demarches.plateforme.test/ville-a/inscription': linksPage('Inscription', [
        '/ville-a/autre',
        'http://www.ville-a.test/x',
      ]),
      'demarches.plateforme.test/ville-a/': linksPage('Portail', ['/ville-a/encore']),
    });
    const summary = await site.crawl();
    const pages = byUrl(site.pages);
    expect(pages.get('http://demarches.plateforme.test/ville-a/inscription')).toMatchObject({
      status: 'ok',
      platform: 'plateforme',
      enqueued: [],
    });
    expect(pages.get(`${HOME}teleservices`)).toMatchObject({
      status: 'ok',
      finalUrl: 'http://demarches.plateforme.test/ville-a/',
      platform: 'plateforme',
      enqueued: [],
    });
    expect(
      site
        .requested('demarches.plateforme.test')
        .filter((path) => path !== '/robots.txt')
        .sort(),
    ).toEqual(['/ville-a/', '/ville-a/inscription']);
    expect(summary.pages).toBe(3);
  });

  it('records robots.txt disallowed pages without fetching them', async () => {
    const site = await farm({
      'www.ville-a.test/robots.txt': 'User-agent: *\nDisallow: /prive\n',
      'www.ville-a.test/': linksPage('Accueil', ['/prive/dossier', '/public']),
      'www.ville-a.test/public': linksPage('Public', []),
      'www.ville-a.test/prive/dossier': linksPage('Privé', []),
    });
    const summary = await site.crawl();
    expect(byUrl(site.pages).get(`${HOME}prive/dossier`)).toMatchObject({
      status: 'robots_disallowed',
      httpStatus: null,
      content: null,
    });
    expect(site.requested()).not.toContain('/prive/dossier');
    expect(summary.byStatus).toEqual({ ok: 2, robots_disallowed: 1 });
  });

  it('honours Crawl-delay between request starts (server timestamps)', async () => {
    const site = await farm({
      'www.ville-a.test/robots.txt': 'User-agent: BarometreBot\nCrawl-delay: 0.12\n',
      'www.ville-a.test/': linksPage('Accueil', ['/1', '/2', '/3']),
      'www.ville-a.test/1': linksPage('1', []),
      'www.ville-a.test/2': linksPage('2', []),
      'www.ville-a.test/3': linksPage('3', []),
    });
    await site.crawl({
      scheduler: createHostScheduler({ perHostConcurrency: 4, delayMs: 0 }),
      concurrency: 4,
    });
    const starts = site.server.requests.filter((r) => r.url !== '/robots.txt').map((r) => r.at);
    expect(starts).toHaveLength(4);
    for (let i = 1; i < starts.length; i += 1) {
      expect((starts[i] ?? 0) - (starts[i - 1] ?? 0)).toBeGreaterThanOrEqual(120 - TIMER_SLACK_MS);
    }
  });

  it('treats a robots.txt 503 as "disallow all" for the crawl, and says why', async () => {
    const site = await farm({
      'www.ville-a.test/robots.txt': (_request, response) => sendHtml(response, 'panne', 503),
      'www.ville-a.test/': linksPage('Accueil', []),
    });
    const summary = await site.crawl({ maxRetries: 0 });
    expect(site.pages).toHaveLength(1);
    expect(site.pages[0]).toMatchObject({ url: HOME, status: 'robots_disallowed' });
    expect(site.pages[0]?.error).toContain('503');
    expect(site.requested()).toEqual(['/robots.txt']);
    expect(summary.byStatus).toEqual({ robots_disallowed: 1 });
  });

  it('never exceeds perHostConcurrency on a host (server counts requests in flight)', async () => {
    const paths = Array.from({ length: 12 }, (_, i) => `/p${i}`);
    const slow = (title: string) => async (_request: IncomingMessage, response: ServerResponse) => {
      await new Promise((resolve) => setTimeout(resolve, 25));
      sendHtml(response, linksPage(title, []));
    };
    const routes: Record<string, Route> = { 'www.ville-a.test/': linksPage('Accueil', paths) };
    for (const path of paths) routes[`www.ville-a.test${path}`] = slow(path);
    const site = await farm(routes);
    const summary = await site.crawl({
      scheduler: createHostScheduler({ perHostConcurrency: 2, delayMs: 0 }),
      concurrency: 8,
    });
    expect(summary.pages).toBe(13);
    expect(site.server.maxInFlight()).toBe(2);
  });

  it('shares the per-host limit between concurrent crawls of sites on one host', async () => {
    const slow = async (_request: IncomingMessage, response: ServerResponse) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      sendHtml(response, linksPage('x', ['/1', '/2', '/3']));
    };
    const site = await farm({
      'www.ville-a.test/': slow,
      'www.ville-a.test/1': slow,
      'www.ville-a.test/2': slow,
      'www.ville-a.test/3': slow,
      'www.ville-a.test/?site=b': slow,
    });
    const scheduler = createHostScheduler({ perHostConcurrency: 1, delayMs: 0 });
    await Promise.all([
      site.crawl({ scheduler, concurrency: 4 }),
      site.crawl({ scheduler, concurrency: 4, startUrl: `${HOME}?site=b` }),
    ]);
    expect(site.server.maxInFlight()).toBe(1);
  });

  it('stops at maxPages (failures included) and says it was truncated', async () => {
    const site = await farm({
      'www.ville-a.test/': linksPage('Accueil', ['/a', '/absente', '/b', '/c']),
      'www.ville-a.test/a': linksPage('A', []),
      'www.ville-a.test/b': linksPage('B', []),
    });
    const summary = await site.crawl({ limits: { ...LIMITS, maxPages: 3 }, concurrency: 1 });
    expect(site.pages.map((page) => [page.url, page.status])).toEqual([
      [HOME, 'ok'],
      [`${HOME}a`, 'ok'],
      [`${HOME}absente`, 'not_found'],
    ]);
    expect(summary).toMatchObject({ pages: 3, truncated: true, skipped: { page_limit: 2 } });
  });

  it('stops at maxDepth', async () => {
    const site = await farm({
      'www.ville-a.test/': linksPage('Accueil', ['/1']),
      'www.ville-a.test/1': linksPage('1', ['/2']),
      'www.ville-a.test/2': linksPage('2', ['/3']),
    });
    const summary = await site.crawl({ limits: { ...LIMITS, maxDepth: 1 } });
    expect(site.pages.map((page) => page.url)).toEqual([HOME, `${HOME}1`]);
    expect(summary.skipped).toMatchObject({ depth_limit: 1 });
    expect(summary.truncated).toBe(false);
  });

  it('stops at the site time budget', async () => {
    const slow = (links: string[]) => async (_request: IncomingMessage, response: ServerResponse) => {
      await new Promise((resolve) => setTimeout(resolve, 60));
      sendHtml(response, linksPage('lent', links));
    };
    const site = await farm({
      'www.ville-a.test/': slow(['/1', '/2', '/3', '/4', '/5']),
      'www.ville-a.test/1': slow([]),
      'www.ville-a.test/2': slow([]),
      'www.ville-a.test/3': slow([]),
      'www.ville-a.test/4': slow([]),
      'www.ville-a.test/5': slow([]),
    });
    const summary = await site.crawl({
      limits: { ...LIMITS, siteTimeoutMs: 150 },
      scheduler: createHostScheduler({ perHostConcurrency: 1, delayMs: 0 }),
    });
    expect(summary.truncated).toBe(true);
    expect(summary.skipped.time_limit).toBeGreaterThan(0);
    expect(summary.pages + (summary.skipped.time_limit ?? 0)).toBe(6);
  });

  it('retries a 503 and keeps the final answer', async () => {
    let calls = 0;
    const site = await farm({
      'www.ville-a.test/': (_request, response) => {
        calls += 1;
        if (calls < 3) return sendHtml(response, 'surchargé', 503);
        return sendHtml(response, linksPage('Accueil', []));
      },
    });
    await site.crawl();
    expect(calls).toBe(3);
    expect(site.pages[0]).toMatchObject({ status: 'ok', httpStatus: 200 });
  });

  it('gives up after two retries', async () => {
    const site = await farm({
      'www.ville-a.test/': (_request, response) => sendHtml(response, 'panne', 500),
    });
    await site.crawl();
    expect(site.requested().filter((path) => path === '/')).toHaveLength(3);
    expect(site.pages[0]).toMatchObject({ status: 'server_error', httpStatus: 500, error: 'HTTP 500' });
  });

  it('does not retry a 404', async () => {
    const site = await farm({});
    await site.crawl();
    expect(site.requested()).toEqual(['/robots.txt', '/']);
    expect(site.pages[0]?.status).toBe('not_found');
  });

  it('records non-HTML documents with their content type, without downloading them', async () => {
    const site = await farm({
      'www.ville-a.test/': linksPage('Accueil', ['/formulaire.pdf']),
      'www.ville-a.test/formulaire.pdf': (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/pdf' });
        response.end(Buffer.alloc(200_000, 0x25));
      },
    });
    await site.crawl();
    expect(byUrl(site.pages).get(`${HOME}formulaire.pdf`)).toMatchObject({
      status: 'not_html',
      contentType: 'application/pdf',
      content: null,
      contentHash: null,
      error: 'application/pdf',
    });
  });

  it('decodes an undeclared Latin-1 page', async () => {
    const html =
      '<html><head><title>Démarches en ligne : état civil</title></head><body>œuvre 5 €</body></html>';
    const site = await farm({
      'www.ville-a.test/': (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end(iconv.encode(html, 'latin1'));
      },
    });
    await site.crawl();
    expect(site.pages[0]).toMatchObject({ status: 'ok', charset: 'windows-1252' });
    expect(site.pages[0]?.content?.title).toBe('Démarches en ligne : état civil');
  });

  it('skips trap URLs without fetching them', async () => {
    const site = await farm({
      'www.ville-a.test/': linksPage('Accueil', [
        '/agenda?month=2031-05',
        '/a/b/a/b',
        '/agenda?month=2026-12',
      ]),
      'www.ville-a.test/agenda?month=2026-12': linksPage('Agenda', ['/agenda?month=2027-01']),
      'www.ville-a.test/agenda?month=2027-01': linksPage('Agenda', []),
    });
    const summary = await site.crawl();
    expect(summary.skipped.trap).toBe(2);
    expect(site.requested()).not.toContain('/agenda?month=2031-05');
    expect(site.requested()).not.toContain('/a/b/a/b');
    expect(summary.pages).toBe(3);
  });

  it('goes on when onPage throws for one page', async () => {
    const site = await farm({
      'www.ville-a.test/': linksPage('Accueil', ['/a', '/b']),
      'www.ville-a.test/a': linksPage('A', ['/c']),
      'www.ville-a.test/b': linksPage('B', []),
      'www.ville-a.test/c': linksPage('C', []),
    });
    const seen: string[] = [];
    const errors: string[] = [];
    const summary = await site.crawl({
      onPage: (page) => {
        if (page.url.endsWith('/a')) throw new Error('base indisponible');
        seen.push(page.url);
      },
      onError: (error, context) => errors.push(`${context.stage}: ${(error as Error).message}`),
    });
    expect(seen.sort()).toEqual([HOME, `${HOME}b`, `${HOME}c`]);
    expect(summary).toMatchObject({ pages: 4, pageHandlerErrors: 1 });
    expect(errors).toEqual(['on_page: base indisponible']);
  });

  it('goes on when the extractor throws, recording the error on the page', async () => {
    const site = await farm({
      'www.ville-a.test/': linksPage('Accueil', ['/a']),
      'www.ville-a.test/a': linksPage('A', []),
    });
    await site.crawl({
      extract: (url, html) => {
        if (url.endsWith('/a')) throw new Error('HTML illisible');
        return simpleExtract(url, html);
      },
    });
    expect(byUrl(site.pages).get(`${HOME}a`)).toMatchObject({
      status: 'ok',
      content: null,
      error: 'extraction impossible : HTML illisible',
    });
  });

  it('resumes an interrupted crawl without fetching stored pages again', async () => {
    const site = await farm({
      'www.ville-a.test/': linksPage('Accueil', ['/a', '/b']),
      'www.ville-a.test/a': linksPage('A', ['/c']),
      'www.ville-a.test/b': linksPage('B', ['/d']),
      'www.ville-a.test/c': linksPage('C', []),
      'www.ville-a.test/d': linksPage('D', []),
    });
    const summary = await site.crawl({
      resumeFrom: [
        { url: HOME, depth: 0, enqueued: [`${HOME}a`, `${HOME}b`], finalUrl: HOME },
        { url: `${HOME}a`, depth: 1, enqueued: [`${HOME}c`] },
      ],
    });
    expect(
      site
        .requested()
        .filter((path) => path !== '/robots.txt')
        .sort(),
    ).toEqual(['/b', '/c', '/d']);
    expect(summary).toMatchObject({ pages: 3, resumed: 2 });
    expect(byUrl(site.pages).get(`${HOME}c`)?.depth).toBe(2);
  });

  it('counts resumed pages in the page limit', async () => {
    const site = await farm({
      'www.ville-a.test/b': linksPage('B', []),
      'www.ville-a.test/c': linksPage('C', []),
    });
    const summary = await site.crawl({
      limits: { ...LIMITS, maxPages: 2 },
      resumeFrom: [{ url: HOME, depth: 0, enqueued: [`${HOME}b`, `${HOME}c`] }],
    });
    expect(summary).toMatchObject({ pages: 1, resumed: 1, truncated: true });
  });

  it('seeds the frontier from the sitemaps robots.txt lists', async () => {
    const site = await farm({
      'www.ville-a.test/robots.txt': 'User-agent: *\nAllow: /\nSitemap: http://www.ville-a.test/plan.xml\n',
      'www.ville-a.test/plan.xml': (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/xml' });
        response.end(
          '<urlset><url><loc>http://www.ville-a.test/orpheline</loc></url><url><loc>https://ailleurs.test/x</loc></url></urlset>',
        );
      },
      'www.ville-a.test/': linksPage('Accueil', ['/a']),
      'www.ville-a.test/a': linksPage('A', []),
      'www.ville-a.test/orpheline': linksPage('Orpheline', []),
    });
    await site.crawl({ useSitemaps: true });
    expect(site.pages.map((page) => [page.url, page.depth])).toEqual([
      [HOME, 0],
      [`${HOME}a`, 1],
      [`${HOME}orpheline`, 1],
    ]);
    expect(site.pages[0]?.enqueued).toEqual([`${HOME}a`, `${HOME}orpheline`]);
  });

  it('falls back to /sitemap.xml', async () => {
    const site = await farm({
      'www.ville-a.test/sitemap.xml':
        '<urlset><url><loc>http://www.ville-a.test/orpheline</loc></url></urlset>',
      'www.ville-a.test/': linksPage('Accueil', []),
      'www.ville-a.test/orpheline': linksPage('Orpheline', []),
    });
    await site.crawl({ useSitemaps: true });
    expect(site.pages.map((page) => page.url)).toEqual([HOME, `${HOME}orpheline`]);
  });

  it('follows a <meta http-equiv="refresh"> homepage', async () => {
    const site = await farm({
      'www.ville-a.test/': '<html><head><meta http-equiv="refresh" content="0; url=/fr/"></head></html>',
      'www.ville-a.test/fr/': linksPage('Accueil', []),
    });
    await site.crawl();
    expect(site.pages.map((page) => [page.url, page.depth])).toEqual([
      [HOME, 0],
      [`${HOME}fr/`, 0],
    ]);
  });

  it('refuses private addresses unless allowed (ssrf_blocked), without any request', async () => {
    const site = await farm(
      { 'www.ville-a.test/': linksPage('Accueil', []) },
      { allowPrivateNetwork: false },
    );
    const summary = await site.crawl();
    expect(site.pages).toHaveLength(1);
    expect(site.pages[0]).toMatchObject({ url: HOME, status: 'ssrf_blocked' });
    expect(site.server.requests).toHaveLength(0);
    expect(summary.byStatus).toEqual({ ssrf_blocked: 1 });
  });

  it('reports a site whose name does not resolve as dns_error', async () => {
    const site = await farm(
      {},
      { connectTo: () => undefined },
      {
        resolveHost: async () => {
          throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
        },
      },
    );
    await site.crawl();
    expect(site.pages).toEqual([expect.objectContaining({ url: HOME, status: 'dns_error' })]);
  });

  it('reports an unreadable start URL as invalid_url', async () => {
    const site = await farm({});
    const summary = await site.crawl({ startUrl: 'javascript:alert(1)' });
    expect(site.pages).toEqual([expect.objectContaining({ status: 'invalid_url' })]);
    expect(summary.pages).toBe(1);
  });

  it('stops on shutdown and reports nothing unfinished', async () => {
    const controller = new AbortController();
    const site = await farm({
      'www.ville-a.test/': linksPage('Accueil', ['/lent', '/a']),
      'www.ville-a.test/a': linksPage('A', []),
      'www.ville-a.test/lent': () => {
        controller.abort(new Error('arrêt'));
        // never answers
      },
    });
    const summary = await site.crawl({ signal: controller.signal, concurrency: 1 });
    expect(summary.interrupted).toBe(true);
    expect(site.pages.map((page) => page.url)).toEqual([HOME]);
  });
});
