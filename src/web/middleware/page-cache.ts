import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../session/session.ts';

/**
 * Public pages and API answers, kept as sent (compressed, with their ETag) for visitors without a
 * session, and served again while the data stamp (src/editions/data-stamp.query.ts) is the same.
 * A page is a function of its URL and the published data: rendering the same scorecard for every
 * visitor of the same edition is wasted work (docs/benchmarks.md, bench:web). Signed-in users see
 * their account in the header, so their requests are never cached nor served from the cache; an
 * answer that sets a cookie or is not a 200 is never kept. Entries also expire after `maxAgeMs`,
 * which bounds how long a territory import (not in the stamp) takes to show.
 */
export interface PageCacheOptions {
  /** The data stamp, read on every cacheable request. */
  stamp: () => Promise<string>;
  /** Paths whose GET answer depends only on the URL and the data. */
  cacheable: (path: string) => boolean;
  maxEntries?: number;
  maxAgeMs?: number;
  /** Larger answers are served but not kept. */
  maxBytes?: number;
  now?: () => number;
}

interface Entry {
  stamp: string;
  storedAt: number;
  body: ArrayBuffer;
  headers: [string, string][];
  etag: string | null;
}

export interface PageCache {
  middleware: MiddlewareHandler;
  /** Entries kept now (tests, logs). */
  size(): number;
}

export function createPageCache(options: PageCacheOptions): PageCache {
  const maxEntries = options.maxEntries ?? 2_000;
  const maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
  const maxBytes = options.maxBytes ?? 1_000_000;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on each hit makes the first key the least recently used.
  const entries = new Map<string, Entry>();

  const middleware: MiddlewareHandler = async (c, next) => {
    if (c.req.method !== 'GET' || !options.cacheable(c.req.path) || getCookie(c, SESSION_COOKIE)) {
      return next();
    }
    const stamp = await options.stamp();
    // The answer differs by accepted encoding (gzip, deflate or none): one entry per variant.
    const key = `${(c.req.header('accept-encoding') ?? '').slice(0, 100)}\n${c.req.url}`;
    const entry = entries.get(key);
    if (entry && entry.stamp === stamp && now() - entry.storedAt < maxAgeMs) {
      entries.delete(key);
      entries.set(key, entry);
      const headers = new Headers(entry.headers);
      if (entry.etag !== null && c.req.header('if-none-match') === entry.etag) {
        c.res = new Response(null, { status: 304, headers });
        c.res.headers.delete('content-length');
        c.res.headers.delete('content-encoding');
        return;
      }
      c.res = new Response(entry.body, { status: 200, headers });
      return;
    }
    await next();
    const response = c.res;
    if (response.status !== 200 || response.headers.has('set-cookie') || response.body === null) return;
    const body = await response.arrayBuffer();
    const headers: [string, string][] = [];
    response.headers.forEach((value, name) => {
      headers.push([name, value]);
    });
    c.res = new Response(body, { status: 200, headers });
    if (body.byteLength > maxBytes) return;
    entries.delete(key);
    entries.set(key, { stamp, storedAt: now(), body, headers, etag: response.headers.get('etag') });
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value as string;
      entries.delete(oldest);
    }
  };
  return { middleware, size: () => entries.size };
}

/** Public pages and the API; not forms (CSRF tokens), downloads (streamed) nor the back office. */
const CACHED_PREFIXES = [
  '/classements',
  '/collectivites/',
  '/thematiques',
  '/analyses',
  '/initiatives',
  '/api/v1/',
];

export function isCacheablePath(path: string): boolean {
  if (path === '/' || path === '/methodologie' || path === '/api') return true;
  if (path.endsWith('.csv')) return false;
  return CACHED_PREFIXES.some((prefix) => path.startsWith(prefix));
}
