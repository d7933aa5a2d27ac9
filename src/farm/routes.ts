/**
 * What the farm serves, as data: per host, pre-rendered responses keyed by path and query, a
 * dynamic handler for the endless traps, and how the host treats http and https. `resolveRequest`
 * is the whole routing logic, pure, so that it is tested without sockets; server.ts only does IO.
 */

/** Where the server writes a fresh session id (session-id sites put one in every internal link). */
export const SESSION_SLOT = 0;
export type BodyPart = Buffer | typeof SESSION_SLOT;

export interface FarmResponse {
  status: number;
  /** Lowercase names. Content-Length is computed when serving. */
  headers: Readonly<Record<string, string>>;
  /** Shared chunks (site chrome) and page chunks; SESSION_SLOT where a session id goes. */
  body: readonly BodyPart[];
  /** Added to the farm's latency (slow pages). */
  delayMs?: number;
  /** Drop the connection instead of answering (connection reset). */
  reset?: boolean;
}

export type SessionStyle = 'jsessionid' | 'phpsessid';

export interface HostRoutes {
  host: string;
  /** Site code, or null for e-service platforms shared by all sites. */
  siteCode: string | null;
  /** Answers over TLS; a host without it fails the handshake. */
  https: boolean;
  /** What a plain-http request gets: the page, or a 301 to the https URL. */
  http: 'serve' | 'redirect-https';
  /** Every request is redirected (301) to this origin, e.g. apex → www. */
  redirectOrigin?: string;
  /** Keyed by path + search as linked, session ids removed. */
  responses: Map<string, FarmResponse>;
  /** Endless traps (calendars, pagination…) answered on demand, deterministically. */
  dynamic?: (pathAndQuery: string) => FarmResponse | undefined;
  notFound: FarmResponse;
  session: SessionStyle | null;
  /** Added to every response; HSTS only over https. */
  securityHeaders: Readonly<Record<string, string>>;
}

export type FarmRoutes = ReadonlyMap<string, HostRoutes>;

export type ResolvedRequest =
  | { kind: 'response'; response: FarmResponse; headers: Record<string, string>; sessionSeed: string }
  | { kind: 'unknown_host' };

const MAX_TARGET_LENGTH = 2048;

const URI_TOO_LONG: FarmResponse = {
  status: 414,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: [Buffer.from('URI trop longue\n')],
};

/** Strips `;jsessionid=…` from the path and `PHPSESSID=…` from the query, the way the sites ignore them. */
export function withoutSessionIds(target: string): string {
  const queryStart = target.indexOf('?');
  const path = (queryStart === -1 ? target : target.slice(0, queryStart)).replace(
    /;jsessionid=[^/?;]*/gi,
    '',
  );
  if (queryStart === -1) return path;
  const params = target
    .slice(queryStart + 1)
    .split('&')
    .filter((param) => param !== '' && !/^phpsessid=/i.test(param));
  return params.length === 0 ? path : `${path}?${params.join('&')}`;
}

export function resolveRequest(
  routes: FarmRoutes,
  request: { scheme: 'http' | 'https'; host: string; target: string },
): ResolvedRequest {
  const hostname = request.host.replace(/:\d+$/, '').toLowerCase();
  const host = routes.get(hostname);
  if (host === undefined) return { kind: 'unknown_host' };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(host.securityHeaders)) {
    if (name !== 'strict-transport-security' || request.scheme === 'https') headers[name] = value;
  }
  const redirect = (location: string): ResolvedRequest => ({
    kind: 'response',
    response: { status: 301, headers: { location, 'content-type': 'text/html; charset=utf-8' }, body: [] },
    headers,
    sessionSeed: '',
  });
  if (host.redirectOrigin !== undefined) return redirect(`${host.redirectOrigin}${request.target}`);
  if (request.scheme === 'http' && host.https && host.http === 'redirect-https') {
    return redirect(`https://${hostname}${request.target}`);
  }
  if (request.target.length > MAX_TARGET_LENGTH) {
    return { kind: 'response', response: URI_TOO_LONG, headers, sessionSeed: '' };
  }
  const key = host.session === null ? request.target : withoutSessionIds(request.target);
  const response = host.responses.get(key) ?? host.dynamic?.(key) ?? host.notFound;
  // Each distinct URL (session id included) gets its own new ids, as a cookie-less visit would.
  return { kind: 'response', response, headers, sessionSeed: `${hostname}${request.target}` };
}

/** Bytes of a response body with its session slots filled. */
export function bodyBytes(body: readonly BodyPart[], sessionId: string): Buffer {
  if (body.length === 1 && body[0] !== SESSION_SLOT && body[0] !== undefined) return body[0];
  const id = Buffer.from(sessionId, 'latin1');
  return Buffer.concat(body.map((part) => (part === SESSION_SLOT ? id : part)));
}

/** HTML and PDF documents answered with 200 so far. */
export function countDocuments(responses: ReadonlyMap<string, ReadonlyMap<string, FarmResponse>>): number {
  let count = 0;
  for (const pages of responses.values()) {
    for (const response of pages.values()) {
      const type = response.headers['content-type'] ?? '';
      if (
        response.status === 200 &&
        !response.reset &&
        (type.startsWith('text/html') || type === 'application/pdf')
      )
        count++;
    }
  }
  return count;
}
