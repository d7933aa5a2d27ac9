import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../session/session.ts';
import { createPageCache, isCacheablePath } from './page-cache.ts';

/** An app whose pages say how many times they were rendered, behind the cache. */
function cachedApp(options: { maxAgeMs?: number; maxEntries?: number } = {}) {
  let stamp = 's1';
  let clock = 0;
  const rendered = new Map<string, number>();
  const cache = createPageCache({
    stamp: async () => stamp,
    cacheable: isCacheablePath,
    now: () => clock,
    ...options,
  });
  const app = new Hono();
  app.use('*', cache.middleware);
  app.use('*', compress());
  app.use('*', etag());
  const page = (path: string) => {
    const count = (rendered.get(path) ?? 0) + 1;
    rendered.set(path, count);
    return `${path} rendu ${count} fois ${'x'.repeat(2_000)}`;
  };
  app.get('/classements', (c) => c.text(page(c.req.url)));
  app.get('/collectivites/:code', (c) => {
    if (c.req.param('code') === 'cookie') c.header('Set-Cookie', 'a=b');
    if (c.req.param('code') === 'absente') return c.text('introuvable', 404);
    return c.text(page(c.req.url));
  });
  app.get('/connexion', (c) => c.text(page(c.req.url)));
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await app.request(`http://localhost${path}`, { headers });
    return { response, text: await response.text() };
  };
  return {
    get,
    app,
    cache,
    restamp: (next: string) => (stamp = next),
    advance: (ms: number) => (clock += ms),
  };
}

describe('page cache', () => {
  it('serves a page again without rendering it while the data stamp is the same', async () => {
    const { get, restamp } = cachedApp();
    expect((await get('/classements?page=2')).text).toContain('rendu 1 fois');
    const again = await get('/classements?page=2');
    expect(again.text).toContain('rendu 1 fois');
    expect(again.response.headers.get('etag')).toBeTruthy();
    expect((await get('/classements?page=3')).text).toContain('rendu 1 fois');
    restamp('s2');
    expect((await get('/classements?page=2')).text).toContain('rendu 2 fois');
  });

  it('keeps one answer per accepted encoding, compressed as it was sent', async () => {
    const { get, app } = cachedApp();
    await get('/classements');
    const gzip = async () => {
      const response = await app.request('http://localhost/classements', {
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(response.headers.get('content-encoding')).toBe('gzip');
      return gunzipSync(Buffer.from(await response.arrayBuffer())).toString();
    };
    expect(await gzip()).toContain('rendu 2 fois');
    expect(await gzip()).toContain('rendu 2 fois');
    expect((await get('/classements')).text).toContain('rendu 1 fois');
  });

  it('answers 304 to a conditional request for the cached version', async () => {
    const { get } = cachedApp();
    const first = await get('/classements');
    const tag = first.response.headers.get('etag') as string;
    const conditional = await get('/classements', { 'if-none-match': tag });
    expect(conditional.response.status).toBe(304);
    expect(conditional.text).toBe('');
  });

  it('never caches for a signed-in visitor, nor an answer that sets a cookie or fails, nor a form', async () => {
    const { get, cache } = cachedApp();
    await get('/classements', { cookie: `${SESSION_COOKIE}=abc` });
    expect((await get('/classements', { cookie: `${SESSION_COOKIE}=abc` })).text).toContain('rendu 2 fois');
    await get('/collectivites/cookie');
    expect((await get('/collectivites/cookie')).text).toContain('rendu 2 fois');
    await get('/collectivites/absente');
    await get('/connexion');
    expect((await get('/connexion')).text).toContain('rendu 2 fois');
    expect(cache.size()).toBe(0);
  });

  it('lets entries expire, and forgets the least recently used beyond its size', async () => {
    const { get, advance } = cachedApp({ maxAgeMs: 1_000, maxEntries: 2 });
    await get('/collectivites/a');
    advance(1_001);
    expect((await get('/collectivites/a')).text).toContain('rendu 2 fois');
    await get('/collectivites/b');
    await get('/collectivites/a');
    await get('/collectivites/c');
    expect((await get('/collectivites/a')).text).toContain('rendu 2 fois');
    expect((await get('/collectivites/b')).text).toContain('rendu 2 fois');
  });

  it('covers public pages and the API, not downloads, forms or the back office', () => {
    for (const path of ['/', '/classements', '/collectivites/commune/01001', '/api/v1/territories']) {
      expect(isCacheablePath(path), path).toBe(true);
    }
    for (const path of ['/classements.csv', '/connexion', '/admin', '/recherche', '/donnees/2026/x.csv']) {
      expect(isCacheablePath(path), path).toBe(false);
    }
  });
});
