import { describe, expect, it } from 'vitest';
import { type BrowserRequest, createRequestLoader, type RequestLoaderOptions } from './browser-requests.ts';
import { CrawlFetchError } from './fetch-outcome.ts';
import type { FetchPageOptions, HttpClient, RawResponse } from './http-client.ts';
import { createHostScheduler } from './politeness.ts';

const SITE = 'https://www.ville-a.fr';

/** A client answering from a table, recording what it was asked (no network). */
function fakeClient(answer: (url: string) => Partial<RawResponse> | Error = () => ({})) {
  const calls: { url: string; options: FetchPageOptions }[] = [];
  const client: HttpClient = {
    async fetchPage(url, options) {
      calls.push({ url, options });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const answered = answer(url);
      if (answered instanceof Error) {
        return {
          ok: false,
          url,
          finalUrl: url,
          redirectChain: [],
          httpStatus: null,
          headers: {},
          contentType: null,
          elapsedMs: 1,
          error: answered,
        };
      }
      return {
        ok: true,
        url,
        finalUrl: url,
        redirectChain: [],
        httpStatus: 200,
        headers: { 'content-type': 'text/javascript' },
        contentType: 'text/javascript',
        elapsedMs: 1,
        body: Buffer.from('void 0;'),
        bytes: 7,
        redirectRefused: null,
        ...answered,
      };
    },
    close: async () => undefined,
  };
  return { client, calls };
}

function loader(client: HttpClient, overrides: Partial<RequestLoaderOptions> = {}) {
  return createRequestLoader({
    client,
    scheduler: createHostScheduler({ perHostConcurrency: 2, delayMs: 0 }),
    inScope: (url) => new URL(url).hostname.endsWith('ville-a.fr'),
    maxBytes: 1_000_000,
    requestTimeoutMs: 1_000,
    ...overrides,
  });
}

const request = (path: string, extra: Partial<BrowserRequest> = {}): BrowserRequest => ({
  url: path.startsWith('http') ? path : `${SITE}${path}`,
  method: 'GET',
  resourceType: 'script',
  mainFrame: true,
  ...extra,
});

const live = () => new AbortController().signal;

describe('createRequestLoader', () => {
  it.each([
    'image',
    'media',
    'font',
    'stylesheet',
    'texttrack',
    'eventsource',
    'websocket',
    'manifest',
    'other',
  ])('refuses %s requests without fetching them', async (resourceType) => {
    const { client, calls } = fakeClient();
    expect(await loader(client)(request('/a', { resourceType }), live())).toEqual({
      kind: 'blocked',
      reason: 'resource_type',
    });
    expect(calls).toEqual([]);
  });

  it('fetches documents, scripts, XHR and fetch requests of the site', async () => {
    const { client, calls } = fakeClient();
    const load = loader(client);
    for (const resourceType of ['document', 'script', 'xhr', 'fetch']) {
      expect(await load(request(`/${resourceType}`, { resourceType }), live())).toMatchObject({
        kind: 'response',
        httpStatus: 200,
      });
    }
    expect(calls.map((call) => call.url)).toEqual([
      `${SITE}/document`,
      `${SITE}/script`,
      `${SITE}/xhr`,
      `${SITE}/fetch`,
    ]);
  });

  it('never sends anything but GET', async () => {
    const { client, calls } = fakeClient();
    expect(await loader(client)(request('/api', { method: 'POST', resourceType: 'fetch' }), live())).toEqual({
      kind: 'blocked',
      reason: 'method',
    });
    expect(calls).toEqual([]);
  });

  it('loads nothing for iframes, popups and workers', async () => {
    const { client } = fakeClient();
    expect(
      await loader(client)(request('/frame', { mainFrame: false, resourceType: 'document' }), live()),
    ).toEqual({
      kind: 'blocked',
      reason: 'not_main_frame',
    });
  });

  it('refuses hosts outside the site and non-HTTP schemes', async () => {
    const { client, calls } = fakeClient();
    const load = loader(client);
    expect(await load(request('https://cdn.tiers.com/lib.js'), live())).toEqual({
      kind: 'blocked',
      reason: 'out_of_scope',
    });
    expect(await load(request('ftp://www.ville-a.fr/x.js'), live())).toEqual({
      kind: 'blocked',
      reason: 'out_of_scope',
    });
    expect(calls).toEqual([]);
  });

  it('follows redirects within the site only; one out of it is refused', async () => {
    const { client, calls } = fakeClient(() => ({
      httpStatus: 302,
      body: null,
      redirectRefused: 'https://x.com/',
    }));
    const result = await loader(client)(request('/go', { resourceType: 'xhr' }), live());
    expect(result).toEqual({ kind: 'blocked', reason: 'out_of_scope' });
    const follow = calls[0]?.options.followRedirect;
    expect(follow?.(`${SITE}/go`, 'https://demarches.ville-a.fr/')).toBe(true);
    expect(follow?.(`${SITE}/go`, 'https://x.com/')).toBe(false);
  });

  it('asks robots.txt first and passes on its Crawl-delay', async () => {
    const { client, calls } = fakeClient();
    const delays: (number | undefined)[] = [];
    const scheduler = createHostScheduler({ perHostConcurrency: 1, delayMs: 0 });
    const load = loader(client, {
      scheduler: {
        ...scheduler,
        acquire: (host, options) => {
          delays.push(options?.delayMs);
          return scheduler.acquire(host, options);
        },
      },
      robots: async (url) => ({ allowed: !url.includes('/prive/'), crawlDelayMs: 2 }),
    });
    expect(await load(request('/prive/app.js'), live())).toEqual({ kind: 'blocked', reason: 'robots' });
    expect(await load(request('/public/app.js'), live())).toMatchObject({ kind: 'response' });
    expect(calls.map((call) => call.url)).toEqual([`${SITE}/public/app.js`]);
    expect(delays).toEqual([2]);
  });

  it('reports a failed fetch with the crawler’s own status', async () => {
    const { client } = fakeClient(() => new CrawlFetchError('ERR_SSRF_BLOCKED', 'adresse non publique'));
    expect(await loader(client)(request('/x.js'), live())).toMatchObject({
      kind: 'failed',
      status: 'ssrf_blocked',
    });
  });

  it('fetches a script once for all the renders of a site, and not failed ones', async () => {
    const { client, calls } = fakeClient((url) =>
      url.endsWith('/absent.js') ? { httpStatus: 404, body: Buffer.from('absent') } : {},
    );
    const load = loader(client);
    const [first, second] = await Promise.all([
      load(request('/app.js'), live()),
      load(request('/app.js'), live()),
    ]);
    const third = await load(request('/app.js'), live());
    expect([first, second, third].map((result) => result.kind === 'response' && result.cached)).toEqual([
      false,
      true,
      true,
    ]);
    await load(request('/absent.js'), live());
    await load(request('/absent.js'), live());
    expect(calls.map((call) => call.url)).toEqual([
      `${SITE}/app.js`,
      `${SITE}/absent.js`,
      `${SITE}/absent.js`,
    ]);
  });

  it('does not cache data requests, nor beyond its byte budget', async () => {
    const { client, calls } = fakeClient();
    const load = loader(client, { cacheBytes: 10 });
    await load(request('/api', { resourceType: 'fetch' }), live());
    await load(request('/api', { resourceType: 'fetch' }), live());
    await load(request('/a.js'), live()); // 7 bytes: kept
    await load(request('/b.js'), live()); // 7 more: over 10, not kept
    await load(request('/a.js'), live());
    await load(request('/b.js'), live());
    expect(calls.map((call) => new URL(call.url).pathname)).toEqual([
      '/api',
      '/api',
      '/a.js',
      '/b.js',
      '/b.js',
    ]);
  });

  it('abandons a shared fetch once no render waits for it', async () => {
    let aborted = false;
    const client: HttpClient = {
      fetchPage: (_url, options) =>
        new Promise((resolve) => {
          options.signal?.addEventListener('abort', () => {
            aborted = true;
            resolve({
              ok: false,
              url: _url,
              finalUrl: _url,
              redirectChain: [],
              httpStatus: null,
              headers: {},
              contentType: null,
              elapsedMs: 1,
              error: new CrawlFetchError('ERR_REQUEST_TIMEOUT', 'annulé'),
            });
          });
        }),
      close: async () => undefined,
    };
    const load = loader(client);
    const a = new AbortController();
    const b = new AbortController();
    const results = [load(request('/lent.js'), a.signal), load(request('/lent.js'), b.signal)];
    a.abort();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(aborted).toBe(false);
    b.abort();
    expect(await Promise.all(results)).toMatchObject([{ kind: 'failed' }, { kind: 'failed' }]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(aborted).toBe(true);
  });
});
