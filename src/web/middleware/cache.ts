import type { MiddlewareHandler } from 'hono';

/**
 * Pages and API answers change when data is imported or reviewed: caches must revalidate them
 * (the ETag middleware answers 304 when nothing changed). Hashed assets never change.
 */
export const REVALIDATE = 'public, no-cache';
export const IMMUTABLE = 'public, max-age=31536000, immutable';

export function revalidateByDefault(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.res.status >= 400) c.res.headers.set('Cache-Control', 'no-store');
    else if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', REVALIDATE);
  };
}
