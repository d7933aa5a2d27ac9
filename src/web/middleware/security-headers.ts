import type { MiddlewareHandler } from 'hono';

export interface TlsSettings {
  /** The site is served over HTTPS (a TLS terminator in front): always send HSTS. */
  tls: boolean;
  /** A trusted proxy sets X-Forwarded-Proto: send HSTS when it says https. */
  trustProxy: boolean;
}

/**
 * No inline script or style anywhere: the pages use one stylesheet and no script, and the
 * charts are SVG whose styling lives in that stylesheet. Anything injected is refused.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const HSTS = 'max-age=31536000; includeSubDomains';

export function securityHeaders(settings: TlsSettings): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    // A route may set its own for one answer (the edition report allows its styles by hash).
    if (!headers.has('Content-Security-Policy'))
      headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('X-Frame-Options', 'DENY');
    headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    if (behindTls(settings, c.req.header('x-forwarded-proto')))
      headers.set('Strict-Transport-Security', HSTS);
  };
}

/** HSTS over plain HTTP would be ignored by browsers and wrong on a local demo: only over TLS. */
export function behindTls(settings: TlsSettings, forwardedProto: string | undefined): boolean {
  if (settings.tls) return true;
  if (!settings.trustProxy || !forwardedProto) return false;
  // A chain of proxies lists protocols left to right; the first is the client's.
  return forwardedProto.split(',')[0]?.trim().toLowerCase() === 'https';
}
