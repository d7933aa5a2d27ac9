import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { SignedInUser } from '../../accounts/users.repository.ts';
import type { RequestVariables } from '../middleware/request-log.ts';
import { behindTls, type TlsSettings } from '../middleware/security-headers.ts';
import type { WebAccounts } from './web-accounts.ts';

export const SESSION_COOKIE = 'barometre_session';

export type SessionVariables = {
  /** The signed-in person, or null for the public. */
  user: SignedInUser | null;
  /** The session's CSRF token, null for the public. */
  sessionCsrf: string | null;
};

export type AppVariables = RequestVariables & SessionVariables;
export type AppEnv = { Variables: AppVariables };

/**
 * Reads the session cookie and resolves it through the accounts service: every later handler
 * finds `user` (or null) in the context. An unknown or expired cookie is dropped.
 */
export function sessionMiddleware(accounts: WebAccounts, tls: TlsSettings): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('user', null);
    c.set('sessionCsrf', null);
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const session = await accounts.resolveSession(token);
      if (session) {
        c.set('user', session.user);
        c.set('sessionCsrf', session.csrfToken);
      } else {
        deleteCookie(c, SESSION_COOKIE, cookieOptions(c, tls));
      }
    }
    await next();
    // A page naming someone, or setting a cookie, is for that browser only: no shared cache keeps it.
    if (c.get('user') || c.res.headers.has('Set-Cookie'))
      c.res.headers.set('Cache-Control', 'private, no-store');
  };
}

/**
 * HttpOnly so no script reads it; SameSite=Lax so other sites' forms do not carry it; Secure
 * whenever the site is served over TLS (directly, or as a trusted proxy says).
 */
export function cookieOptions(c: Context, tls: TlsSettings) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax' as const,
    secure: behindTls(tls, c.req.header('x-forwarded-proto')),
  };
}

export function setSessionCookie(c: Context, tls: TlsSettings, token: string, expiresAt: Date): void {
  setCookie(c, SESSION_COOKIE, token, { ...cookieOptions(c, tls), expires: expiresAt });
}

export function clearSessionCookie(c: Context, tls: TlsSettings): void {
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c, tls));
}
