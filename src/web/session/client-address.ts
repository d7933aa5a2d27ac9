import type { Context } from 'hono';

/**
 * Who is signing in, for throttling: the connection's remote address, or the address the trusted
 * proxy saw. X-Forwarded-For is read only behind a trusted proxy, and then its last entry, the one
 * our proxy appended: earlier entries come from the client and can be anything.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded?.split(',').at(-1)?.trim();
    if (last) return last;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  // Outside a Node server (tests calling app.request without a connection) every client is one.
  return env?.incoming?.socket?.remoteAddress ?? 'inconnue';
}
