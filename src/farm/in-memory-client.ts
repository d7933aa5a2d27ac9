import type { Farm } from './farm.types.ts';
import { bodyBytes, resolveRequest } from './routes.ts';

/**
 * Reads farm pages without sockets: the same routing as the server, for tests of detectors and
 * of the farm itself. Session ids are filled with a fixed value; latency and resets are ignored
 * (a reset answers status 0).
 */

export interface FarmPage {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Body decoded with the charset of the Content-Type header or the <meta> (UTF-8 by default). */
  text: string;
  /** URLs followed, when redirects were. */
  redirects: string[];
}

export function farmGet(
  farm: Farm,
  url: string,
  options: { followRedirects?: boolean; maxRedirects?: number } = {},
): FarmPage {
  const redirects: string[] = [];
  let current = url;
  for (;;) {
    const parsed = new URL(current);
    const resolved = resolveRequest(farm.routes, {
      scheme: parsed.protocol === 'https:' ? 'https' : 'http',
      host: parsed.host,
      target: `${parsed.pathname}${parsed.search}`,
    });
    if (resolved.kind === 'unknown_host') {
      return { url: current, status: 421, headers: {}, body: Buffer.alloc(0), text: '', redirects };
    }
    const { response } = resolved;
    const headers = { ...response.headers, ...resolved.headers };
    const location = headers.location;
    if (
      options.followRedirects &&
      location !== undefined &&
      response.status >= 300 &&
      response.status < 400
    ) {
      if (redirects.length >= (options.maxRedirects ?? 10))
        throw new Error(`farmGet: too many redirects from ${url}`);
      redirects.push(current);
      current = new URL(location, current).toString();
      continue;
    }
    const body = response.reset ? Buffer.alloc(0) : bodyBytes(response.body, 'FARMSESSION');
    return {
      url: current,
      status: response.reset ? 0 : response.status,
      headers,
      body,
      text: decode(body, headers['content-type']),
      redirects,
    };
  }
}

function decode(body: Buffer, contentType: string | undefined): string {
  const fromHeader = /charset=([\w-]+)/i.exec(contentType ?? '')?.[1];
  const fromMeta = /<meta[^>]+charset=["']?([\w-]+)/i.exec(body.subarray(0, 1024).toString('latin1'))?.[1];
  const charset = (fromHeader ?? fromMeta ?? 'utf-8').toLowerCase();
  return charset === 'iso-8859-1' || charset === 'windows-1252' || charset === 'latin1'
    ? body.toString('latin1')
    : body.toString('utf8');
}
