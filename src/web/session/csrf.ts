import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { newToken } from '../../accounts/tokens.ts';
import type { TlsSettings } from '../middleware/security-headers.ts';
import { type AppEnv, cookieOptions } from './session.ts';

/** Name of the hidden field every form posts. */
export const CSRF_FIELD = '_csrf';
/** Double-submit cookie of the public's forms (sign-in, password reset), before any session. */
export const ANONYMOUS_CSRF_COOKIE = 'barometre_csrf';

/**
 * The token a form rendered now must carry: the session's own when someone is signed in, else a
 * random value also set in a cookie (double submit). Another site can make a browser post a form,
 * but cannot read our page for the field nor set our cookie, so it cannot match them.
 */
export function formToken(c: Context<AppEnv>, tls: TlsSettings): string {
  const session = c.get('sessionCsrf');
  if (session) return session;
  const existing = getCookie(c, ANONYMOUS_CSRF_COOKIE);
  if (existing && existing.length >= 32) return existing;
  const token = newToken();
  setCookie(c, ANONYMOUS_CSRF_COOKIE, token, cookieOptions(c, tls));
  return token;
}

/** Equal strings, compared in a time that does not depend on where they differ. */
export function sameToken(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses every state-changing request whose form does not carry the expected token, with the
 * `refuse` answer (a 403 page). Runs after the session middleware.
 */
export function csrfProtection(refuse: (c: Context<AppEnv>) => Response): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const expected = c.get('sessionCsrf') ?? getCookie(c, ANONYMOUS_CSRF_COOKIE) ?? '';
    const type = c.req.header('content-type') ?? '';
    const isForm =
      type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
    // parseBody caches the body: handlers read it again for free.
    const given = isForm ? (await c.req.parseBody())[CSRF_FIELD] : undefined;
    if (typeof given !== 'string' || !sameToken(expected, given)) return refuse(c);
    return next();
  };
}
