/**
 * Browser mode against real Chromium and real HTTP servers on 127.0.0.1. One renderer (one
 * browser) is shared by the whole file to keep it fast; tests that need their own browser
 * say why.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { linksPage, sendHtml, startTestServer, type TestServer } from '../../test/support/http-server.ts';
import { simpleExtract } from '../../test/support/simple-extract.ts';
import { type BrowserRenderer, createBrowserRenderer } from './browser-renderer.ts';
import { createRequestLoader } from './browser-requests.ts';
import type { CrawledPage, CrawlLimits, RenderMode } from './crawl.types.ts';
import { createHttpClient, DEFAULT_USER_AGENT, type HttpClient } from './http-client.ts';
import { createHostScheduler } from './politeness.ts';
import { type CrawlSiteOptions, crawlSite } from './site-crawler.ts';

type Route = string | ((request: IncomingMessage, response: ServerResponse) => unknown);

const HOME = 'http://www.ville-a.test/';
const LIMITS: CrawlLimits = {
  maxPages: 20,
  maxDepth: 3,
  maxBytes: 1_000_000,
  requestTimeoutMs: 5_000,
  siteTimeoutMs: 30_000,
};
const LONG_TEXT =
  'La mairie vous accueille du lundi au vendredi, de 8 h 30 à 17 h, pour vos démarches. '.repeat(4);
const SERVICE_TEXT = 'Inscrivez votre enfant à la cantine scolaire en ligne';

/** A single-page app: an empty root, a bundle that fetches the service text and draws it. */
function spaShell(title: string, scripts = '<script src="/assets/app.js"></script>'): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title></head><body><div id="app"></div>${scripts}</body></html>`;
}
const APP_JS = `fetch('/api/services').then((r) => r.json()).then((data) => {
  document.getElementById('app').innerHTML =
    '<h1>' + data.title + '</h1><p>' + data.text + '</p><a href="/demarches/cantine">Cantine</a>';
});`;
const API_JSON = JSON.stringify({ title: 'Démarches en ligne', text: SERVICE_TEXT });

function sendJs(response: ServerResponse, body: string): void {
  response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
  response.end(body);
}

function sendJson(response: ServerResponse, body: string): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(body);
}

/** The usual routes of a single-page portal on www.ville-a.test. */
const SPA_ROUTES: Record<string, Route> = {
  'www.ville-a.test/assets/app.js': (_request, response) => sendJs(response, APP_JS),
  'www.ville-a.test/api/services': (_request, response) => sendJson(response, API_JSON),
  'www.ville-a.test/demarches/cantine': linksPage('Cantine', []),
};

interface Farm {
  server: TestServer;
  client: HttpClient;
  pages: CrawledPage[];
  /** Paths requested on a host, in arrival order. */
  requested(host?: string): string[];
  crawl(mode: RenderMode, overrides?: Partial<CrawlSiteOptions>): ReturnType<typeof crawlSite>;
}

let renderer: BrowserRenderer;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  renderer = createBrowserRenderer({ pages: 2, quietMs: 150 });
  await renderer.start();
});

afterAll(async () => {
  await renderer.close();
});

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** One local server answering for every *.test host (routes keyed "host/path"). */
async function farm(routes: Record<string, Route>): Promise<Farm> {
  const server = await startTestServer((request, response) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    const route = routes[`${host}${request.url ?? '/'}`];
    if (route === undefined) return sendHtml(response, 'absent', 404);
    if (typeof route === 'string') return sendHtml(response, route);
    return route(request, response);
  });
  const client = createHttpClient({
    userAgent: DEFAULT_USER_AGENT,
    allowPrivateNetwork: true,
    connectTo: (hostname) =>
      hostname.endsWith('.test') ? { address: '127.0.0.1', port: server.port } : undefined,
  });
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
    crawl: (mode, overrides = {}) =>
      crawlSite({
        startUrl: HOME,
        limits: LIMITS,
        scheduler: createHostScheduler({ perHostConcurrency: 2, delayMs: 0 }),
        client,
        extract: simpleExtract,
        isPlatformUrl: () => null,
        onPage: (page) => {
          pages.push(page);
        },
        useSitemaps: false,
        render: { mode, renderer, timeoutMs: 10_000 },
        ...overrides,
      }),
  };
}

const pageAt = (pages: CrawledPage[], path: string) => pages.find((page) => page.url === `${HOME}${path}`);

/** Pids of the chromium processes this test process started. */
function chromiumChildren(): Set<number> {
  const pids = new Set<number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may contain spaces, so read after the last ')'.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && comm.startsWith('chrom')) pids.add(Number(entry));
    } catch {
      // the process ended while we read
    }
  }
  return pids;
}

describe('browser mode', () => {
  it('a service injected by JavaScript is missing over HTTP and present once rendered', async () => {
    const site = await farm({ ...SPA_ROUTES, 'www.ville-a.test/': spaShell('Portail famille') });

    await site.crawl('http');
    const overHttp = pageAt(site.pages, '');
    expect(overHttp).toMatchObject({ status: 'ok', renderedWith: 'http' });
    expect(overHttp?.content?.text).not.toContain(SERVICE_TEXT);
    expect(site.pages).toHaveLength(1);

    site.pages.length = 0;
    const summary = await site.crawl('browser');
    const rendered = pageAt(site.pages, '');
    expect(rendered).toMatchObject({ status: 'ok', renderedWith: 'browser', httpStatus: 200 });
    expect(rendered?.content?.title).toBe('Portail famille');
    expect(rendered?.content?.text).toContain(SERVICE_TEXT);
    // Links drawn by scripts are followed like any other.
    expect(rendered?.enqueued).toEqual([`${HOME}demarches/cantine`]);
    expect(pageAt(site.pages, 'demarches/cantine')).toMatchObject({ status: 'ok', renderedWith: 'browser' });
    expect(summary.rendered).toBe(2);
    // The document itself is not fetched twice: the browser renders what the HTTP fetch got.
    expect(site.requested().filter((path) => path === '/')).toHaveLength(2);
  });

  it("'auto' renders only the pages that look JavaScript-dependent", async () => {
    const site = await farm({
      ...SPA_ROUTES,
      'www.ville-a.test/': linksPage('Accueil', ['/portail', '/contact']),
      'www.ville-a.test/portail': spaShell('Portail famille'),
      'www.ville-a.test/contact': `<!doctype html><html><body><h1>Contact</h1><p>${LONG_TEXT}</p><script src="/assets/menu.js"></script></body></html>`,
    });
    const summary = await site.crawl('auto');
    expect(site.pages.map((page) => [page.url, page.renderedWith])).toEqual(
      expect.arrayContaining([
        [HOME, 'http'],
        [`${HOME}portail`, 'browser'],
        [`${HOME}contact`, 'http'],
      ]),
    );
    expect(pageAt(site.pages, 'portail')?.content?.text).toContain(SERVICE_TEXT);
    expect(summary.rendered).toBe(1);
    expect(site.requested()).not.toContain('/assets/menu.js');
  });

  it('blocks third-party hosts and heavy resources, and loads what the DOM needs', async () => {
    const site = await farm({
      ...SPA_ROUTES,
      'cdn.tiers.test/widget.js': (_request, response) => sendJs(response, 'window.widget = 1;'),
    });
    const html = spaShell(
      'Portail',
      `<link rel="stylesheet" href="/style.css"><img src="/logo.png" alt="">
       <script src="http://cdn.tiers.test/widget.js"></script>
       <script>fetch('http://api.tiers.test/suivi').catch(() => {});</script>
       <script src="/assets/app.js"></script>`,
    );
    const result = await renderer.render({
      url: HOME,
      document: {
        body: Buffer.from(html),
        httpStatus: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
      },
      load: createRequestLoader({
        client: site.client,
        scheduler: createHostScheduler({ perHostConcurrency: 2, delayMs: 0 }),
        inScope: (url) => new URL(url).hostname === 'www.ville-a.test',
        maxBytes: 1_000_000,
        requestTimeoutMs: 5_000,
      }),
      timeoutMs: 10_000,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.html).toContain(SERVICE_TEXT);
    expect(result.finalUrl).toBe(HOME);
    expect(site.requested('cdn.tiers.test')).toEqual([]);
    expect(site.requested('api.tiers.test')).toEqual([]);
    expect(site.requested()).toEqual(['/assets/app.js', '/api/services']);
    // Stylesheet, image, third-party script, third-party fetch.
    expect(result.requests).toMatchObject({ fetched: 2, blocked: 4, failed: 0 });
  });

  it('the browser opens no socket itself, and the SSRF rules of the HTTP client apply to its requests', async () => {
    const sentinel = await startTestServer((_request, response) => sendJs(response, 'window.leak = 1;'));
    cleanups.push(() => sentinel.close());
    const publicOnly = createHttpClient({ userAgent: DEFAULT_USER_AGENT, allowPrivateNetwork: false });
    cleanups.push(() => publicOnly.close());
    const html = `<!doctype html><html><head>
      <link rel="preconnect" href="${sentinel.origin}"><link rel="dns-prefetch" href="http://localhost:${sentinel.port}">
      </head><body><p>Accueil</p>
      <script src="${sentinel.url('/script.js')}"></script>
      <script>new WebSocket('ws://127.0.0.1:${sentinel.port}/direct'); fetch('${sentinel.url('/xhr')}').catch(() => {});</script>
      </body></html>`;
    const result = await renderer.render({
      url: 'https://www.ville-b.test/',
      document: { body: Buffer.from(html), httpStatus: 200, headers: { 'content-type': 'text/html' } },
      load: createRequestLoader({
        client: publicOnly,
        scheduler: createHostScheduler({ perHostConcurrency: 2, delayMs: 0 }),
        // Everything in scope: only the SSRF policy stands between the page and 127.0.0.1.
        inScope: () => true,
        maxBytes: 1_000_000,
        requestTimeoutMs: 2_000,
      }),
      timeoutMs: 10_000,
    });
    expect(result).toMatchObject({ ok: true, requests: { fetched: 0, failed: 2 } });
    // Let a late WebSocket or preconnect show up if the browser were able to open one.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sentinel.connections()).toBe(0);
    expect(sentinel.requests).toEqual([]);
  });

  it('paces the requests of a render through the host scheduler and fetches a bundle once per site', async () => {
    const site = await farm({
      ...SPA_ROUTES,
      'www.ville-a.test/': linksPage('Accueil', ['/a', '/b']),
      'www.ville-a.test/a': spaShell('A'),
      'www.ville-a.test/b': spaShell('B'),
    });
    const delayMs = 200;
    const scheduler = createHostScheduler({ perHostConcurrency: 1, delayMs });
    let acquired = 0;
    await site.crawl('browser', {
      scheduler: {
        ...scheduler,
        acquire: (host, options) => {
          acquired += 1;
          return scheduler.acquire(host, options);
        },
      },
      concurrency: 1,
    });
    expect(pageAt(site.pages, 'a')?.content?.text).toContain(SERVICE_TEXT);
    expect(pageAt(site.pages, 'b')?.content?.text).toContain(SERVICE_TEXT);
    const paths = site.requested();
    expect(paths.filter((path) => path === '/assets/app.js')).toHaveLength(1);
    expect(paths.filter((path) => path === '/api/services')).toHaveLength(2);
    // Every request the host saw, the browser's included, waited for its turn…
    expect(acquired).toBe(paths.length);
    // …and they arrived spaced out (server clocks see some jitter under load).
    const starts = site.server.requests.map((request) => request.at);
    for (let i = 1; i < starts.length; i += 1) {
      expect((starts[i] ?? 0) - (starts[i - 1] ?? 0)).toBeGreaterThan(delayMs * 0.6);
    }
  });

  it('honours robots.txt for the requests of a render', async () => {
    const site = await farm({
      ...SPA_ROUTES,
      'www.ville-a.test/robots.txt': (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end('User-agent: *\nDisallow: /api/\n');
      },
      'www.ville-a.test/': spaShell('Portail famille'),
    });
    await site.crawl('browser');
    const home = pageAt(site.pages, '');
    expect(home).toMatchObject({ status: 'ok', renderedWith: 'browser' });
    expect(home?.content?.text).not.toContain(SERVICE_TEXT);
    expect(site.requested()).toEqual(['/robots.txt', '/', '/assets/app.js']);
  });

  it('a render that exceeds its budget ends as timeout, and the renderer goes on', async () => {
    const slow = await farm({
      'www.ville-a.test/': spaShell('Lent', '<script src="/assets/lent.js"></script>'),
      'www.ville-a.test/assets/lent.js': (_request, response) => {
        const timer = setTimeout(() => sendJs(response, ''), 8_000);
        response.on('close', () => clearTimeout(timer));
      },
    });
    const started = performance.now();
    const summary = await slow.crawl('auto', { render: { mode: 'auto', renderer, timeoutMs: 800 } });
    expect(performance.now() - started).toBeLessThan(6_000);
    const home = pageAt(slow.pages, '');
    expect(home).toMatchObject({
      status: 'timeout',
      renderedWith: 'browser',
      httpStatus: 200,
      content: null,
    });
    expect(home?.error).toContain('800 ms');
    expect(summary).toMatchObject({ byStatus: { timeout: 1 }, rendered: 1 });

    // The page left in an unknown state was replaced: the next renders work.
    const next = await farm({ ...SPA_ROUTES, 'www.ville-a.test/': spaShell('Portail') });
    await next.crawl('auto');
    expect(pageAt(next.pages, '')?.content?.text).toContain(SERVICE_TEXT);
  });

  it('a shutdown during a render leaves the page to the resumed run', async () => {
    const site = await farm({
      ...SPA_ROUTES,
      'www.ville-a.test/': spaShell('Lent', '<script src="/assets/lent.js"></script>'),
      'www.ville-a.test/assets/lent.js': (_request, response) => {
        const timer = setTimeout(() => sendJs(response, ''), 5_000);
        response.on('close', () => clearTimeout(timer));
      },
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    const summary = await site.crawl('browser', { signal: controller.signal });
    expect(summary).toMatchObject({ interrupted: true, pages: 0, rendered: 0 });
    expect(site.pages).toEqual([]);
  });

  it('without a usable browser, pages keep their HTTP content and say why', async () => {
    const broken = createBrowserRenderer({ executablePath: '/nonexistent/chromium' });
    await expect(broken.start()).rejects.toThrow('Chromium introuvable');
    const site = await farm({ ...SPA_ROUTES, 'www.ville-a.test/': spaShell('Portail famille') });
    const errors: string[] = [];
    await site.crawl('browser', {
      render: { mode: 'browser', renderer: broken },
      onError: (_error, context) => errors.push(context.stage),
    });
    expect(pageAt(site.pages, '')).toMatchObject({ status: 'ok', renderedWith: 'http' });
    expect(pageAt(site.pages, '')?.content?.title).toBe('Portail famille');
    expect(pageAt(site.pages, '')?.error).toContain('rendu JavaScript impossible');
    expect(errors).toEqual(['render']);
    await broken.close();
  });

  it('closes its browser: no chromium process is left behind', async () => {
    // A browser of its own, so that the shared one does not hide a leak.
    const before = chromiumChildren();
    const own = createBrowserRenderer({ pages: 1 });
    await own.start();
    const started = [...chromiumChildren()].filter((pid) => !before.has(pid));
    expect(started).toHaveLength(1);
    const result = await own.render({
      url: HOME,
      document: { body: Buffer.from(linksPage('Accueil', [])), httpStatus: 200, headers: {} },
      load: async () => ({ kind: 'blocked', reason: 'out_of_scope' }),
      timeoutMs: 10_000,
    });
    expect(result).toMatchObject({ ok: true, finalUrl: HOME });
    await own.close();
    const left = chromiumChildren();
    expect(started.filter((pid) => left.has(pid))).toEqual([]);
    const afterClose = await own.render({
      url: HOME,
      document: { body: Buffer.from(''), httpStatus: 200, headers: {} },
      load: async () => ({ kind: 'blocked', reason: 'out_of_scope' }),
      timeoutMs: 1_000,
    });
    expect(afterClose).toMatchObject({ ok: false, reason: 'browser_error' });
  });
});
