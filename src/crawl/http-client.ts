/**
 * The crawler's HTTP client: undici's Agent (keep-alive pools) with our own connector, so
 * that every new connection is checked against the SSRF policy after *our* DNS resolution,
 * can be routed elsewhere (`connectTo`, like curl's --connect-to) and trusts extra CAs.
 * Redirects are followed by hand so that each hop can be scope-checked by the caller.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { createSecureContext, rootCertificates } from 'node:tls';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { followSignal } from './abort.ts';
import type { NetworkOptions } from './crawl.types.ts';
import { CrawlFetchError } from './fetch-outcome.ts';
import { isPublicAddress } from './ip-policy.ts';

/** Robots.txt groups are matched on this token. */
export const USER_AGENT_TOKEN = 'BarometreBot';
export const DEFAULT_USER_AGENT = `${USER_AGENT_TOKEN}/0.1 (+https://github.com/barometre/barometre; observatoire des services publics numériques)`;

/** Resolves a hostname to all its addresses (injected in tests to fake DNS answers). */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

export interface HttpClientOptions {
  /** Connections kept per origin (scheme, host, port). */
  maxConnectionsPerOrigin?: number;
  /** Requests in flight across all origins: bounds the sockets the process opens. */
  maxConcurrentRequests?: number;
  keepAliveTimeoutMs?: number;
  connectTimeoutMs?: number;
  resolveHost?: ResolveHost;
}

export interface FetchPageOptions {
  /** Budget for the whole fetch: every hop, headers and body. */
  timeoutMs: number;
  /** Decoded (decompressed) body bytes beyond which the fetch ends as too_large. */
  maxBytes: number;
  signal?: AbortSignal;
  maxRedirects?: number;
  /** Asked before following each redirect; false returns the 3xx response with `redirectRefused`. */
  followRedirect?: (from: string, to: string) => boolean;
  /** Whether to download the body of the final response (default: always). */
  readBody?: (response: { httpStatus: number; contentType: string | null }) => boolean;
  accept?: string;
}

interface ResponseBase {
  /** URL asked for. */
  url: string;
  /** URL of the last request made. */
  finalUrl: string;
  /** URLs that answered with a redirect, in order (empty without redirects). */
  redirectChain: string[];
  httpStatus: number | null;
  headers: Record<string, string>;
  contentType: string | null;
  elapsedMs: number;
}

export interface RawResponse extends ResponseBase {
  ok: true;
  httpStatus: number;
  /** Decoded body, null when not read (readBody said no, or a refused redirect). */
  body: Buffer | null;
  bytes: number;
  /** Target of a redirect the caller refused to follow. */
  redirectRefused: string | null;
}

export interface FetchFailure extends ResponseBase {
  ok: false;
  error: unknown;
}

export interface HttpClient {
  fetchPage(url: string, options: FetchPageOptions): Promise<RawResponse | FetchFailure>;
  close(): Promise<void>;
}

const DEFAULT_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8';
const MAX_HEADER_VALUE = 2000;
const MAX_HEADERS = 60;

function systemResolve(hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });
}

function ssrfError(hostname: string, address: string): CrawlFetchError {
  return new CrawlFetchError('ERR_SSRF_BLOCKED', `${hostname} désigne une adresse non publique (${address})`);
}

/**
 * A net/tls `lookup` hook: our resolver, then the SSRF filter. Connecting to the address we
 * checked (not a second resolution) closes the DNS-rebinding gap.
 */
function guardedLookup(resolveHost: ResolveHost, allowPrivateNetwork: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolveHost(hostname).then(
      (found) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
        let addresses = found.filter((entry) => wanted === 0 || entry.family === wanted);
        if (!allowPrivateNetwork) addresses = addresses.filter((entry) => isPublicAddress(entry.address));
        const first = addresses[0];
        if (first === undefined) {
          const refused = found[0];
          if (refused !== undefined && !allowPrivateNetwork) {
            callback(ssrfError(hostname, refused.address), '', 0);
          } else {
            callback(Object.assign(new Error(`${hostname} : aucune adresse`), { code: 'ENOTFOUND' }), '', 0);
          }
          return;
        }
        if (options.all === true) (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

function createConnector(network: NetworkOptions, options: HttpClientOptions): buildConnector.connector {
  const allowPrivate = network.allowPrivateNetwork;
  const lookup = guardedLookup(options.resolveHost ?? systemResolve, allowPrivate);
  const connect = buildConnector({
    timeout: options.connectTimeoutMs ?? 10_000,
    lookup,
    // Setting `ca` replaces Node's bundled roots: keep them and add the extra one. Given as
    // `ca`, tls.connect would build a secure context for every connection (parsing the 140-odd
    // roots each time: 25 ms of blocked event loop); one context serves every connection.
    ...(network.ca === undefined
      ? {}
      : { secureContext: createSecureContext({ ca: [...rootCertificates, network.ca] }) }),
  });
  return (connectOptions, callback) => {
    const protocol = connectOptions.protocol === 'https:' ? 'https:' : 'http:';
    const route = network.connectTo?.(connectOptions.hostname, protocol);
    const target = route?.address ?? connectOptions.hostname;
    // Literal addresses skip the lookup hook, so they are checked here.
    if (!allowPrivate && isIP(target) !== 0 && !isPublicAddress(target)) {
      callback(ssrfError(connectOptions.hostname, target), null);
      return;
    }
    const servername = isIP(connectOptions.hostname) === 0 ? connectOptions.hostname : undefined;
    connect(
      {
        ...connectOptions,
        hostname: target,
        ...(route === undefined ? {} : { port: String(route.port) }),
        ...(servername === undefined ? {} : { servername }),
      },
      callback,
    );
  };
}

/** Bounds requests in flight; waiters are served in arrival order. */
class Semaphore {
  #available: number;
  readonly #waiters: (() => void)[] = [];

  constructor(size: number) {
    this.#available = size;
  }

  async acquire(): Promise<void> {
    if (this.#available > 0) {
      this.#available -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  release(): void {
    const next = this.#waiters.shift();
    if (next === undefined) this.#available += 1;
    else next();
  }
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  let count = 0;
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || count >= MAX_HEADERS) continue;
    const joined = Array.isArray(value) ? value.join(name === 'set-cookie' ? '\n' : ', ') : value;
    headers[name.toLowerCase()] = joined.slice(0, MAX_HEADER_VALUE);
    count += 1;
  }
  return headers;
}

/** The few cookies a site sets during a redirect chain ("cookie check" redirects), per host. */
class ChainCookies {
  readonly #byHost = new Map<string, Map<string, string>>();

  store(host: string, setCookie: string | string[] | undefined): void {
    if (setCookie === undefined) return;
    const jar = this.#byHost.get(host) ?? new Map<string, string>();
    for (const line of Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const pair = line.split(';')[0] ?? '';
      const equals = pair.indexOf('=');
      if (equals > 0) jar.set(pair.slice(0, equals).trim(), pair.slice(equals + 1).trim());
    }
    if (jar.size > 0) this.#byHost.set(host, jar);
  }

  header(host: string): string | undefined {
    const jar = this.#byHost.get(host);
    if (jar === undefined) return undefined;
    return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

function decompressor(encoding: string | undefined) {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return null;
  }
}

async function readBody(response: Dispatcher.ResponseData, maxBytes: number): Promise<Buffer> {
  const encoding = response.headers['content-encoding'];
  const decoder = decompressor(Array.isArray(encoding) ? encoding[0] : encoding);
  const source = decoder === null ? response.body : response.body.pipe(decoder);
  if (decoder !== null) response.body.on('error', (error) => decoder.destroy(error));
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) {
        throw new CrawlFetchError('ERR_TOO_LARGE', `réponse de plus de ${maxBytes} octets`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    response.body.destroy();
    decoder?.destroy();
    throw error;
  }
  return Buffer.concat(chunks, total);
}

function isHttpUrl(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

export function createHttpClient(network: NetworkOptions, options: HttpClientOptions = {}): HttpClient {
  const agent = new Agent({
    connect: createConnector(network, options),
    connections: options.maxConnectionsPerOrigin ?? 6,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 4_000,
    keepAliveMaxTimeout: 30_000,
    headersTimeout: 120_000,
    bodyTimeout: 120_000,
  });
  const slots = new Semaphore(options.maxConcurrentRequests ?? 128);

  async function fetchPage(url: string, request: FetchPageOptions): Promise<RawResponse | FetchFailure> {
    const maxRedirects = request.maxRedirects ?? 10;
    const redirectChain: string[] = [];
    let current = url;
    let last: Pick<ResponseBase, 'httpStatus' | 'headers' | 'contentType'> = {
      httpStatus: null,
      headers: {},
      contentType: null,
    };
    // The budget starts once a global slot is ours: waiting for one is not the site's fault.
    await slots.acquire();
    const started = performance.now();
    const timer = new AbortController();
    const timeout = setTimeout(
      () =>
        timer.abort(new CrawlFetchError('ERR_REQUEST_TIMEOUT', `délai de ${request.timeoutMs} ms dépassé`)),
      request.timeoutMs,
    );
    const unlink = followSignal(timer, request.signal);
    const signal = timer.signal;
    const cookies = new ChainCookies();
    const seen = new Set<string>();
    const fail = (error: unknown): FetchFailure => ({
      ok: false,
      url,
      finalUrl: current,
      redirectChain,
      ...last,
      elapsedMs: Math.round(performance.now() - started),
      error,
    });

    try {
      for (;;) {
        let target: URL;
        try {
          target = new URL(current);
        } catch {
          return fail(new CrawlFetchError('ERR_INVALID_URL', `adresse illisible : ${current}`));
        }
        if (!isHttpUrl(target)) {
          return fail(
            new CrawlFetchError('ERR_INVALID_URL', `protocole non pris en charge : ${target.protocol}`),
          );
        }
        const cookieHeader = cookies.header(target.host);
        const loopKey = `${target.href.split('#')[0]} ${cookieHeader ?? ''}`;
        if (seen.has(loopKey)) {
          return fail(new CrawlFetchError('ERR_REDIRECT_LOOP', `boucle de redirections sur ${current}`));
        }
        seen.add(loopKey);

        const response = await agent.request({
          origin: target.origin,
          path: `${target.pathname}${target.search}`,
          method: 'GET',
          headers: {
            'user-agent': network.userAgent,
            accept: request.accept ?? DEFAULT_ACCEPT,
            'accept-language': 'fr-FR,fr;q=0.9',
            'accept-encoding': 'gzip, deflate, br',
            ...(cookieHeader === undefined ? {} : { cookie: cookieHeader }),
          },
          signal,
        });
        const headers = flattenHeaders(response.headers);
        last = { httpStatus: response.statusCode, headers, contentType: headers['content-type'] ?? null };
        const location = headers.location;

        if (response.statusCode >= 300 && response.statusCode < 400 && location !== undefined) {
          await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
          let next: URL;
          try {
            next = new URL(location, target);
          } catch {
            return fail(
              new CrawlFetchError('ERR_INVALID_URL', `redirection vers une adresse illisible : ${location}`),
            );
          }
          if (!isHttpUrl(next)) {
            return fail(
              new CrawlFetchError('ERR_INVALID_URL', `redirection vers ${next.protocol} non prise en charge`),
            );
          }
          next.hash = '';
          cookies.store(target.host, response.headers['set-cookie']);
          if (redirectChain.length >= maxRedirects) {
            return fail(
              new CrawlFetchError('ERR_TOO_MANY_REDIRECTS', `plus de ${maxRedirects} redirections`),
            );
          }
          if (request.followRedirect !== undefined && !request.followRedirect(current, next.href)) {
            return {
              ok: true,
              url,
              finalUrl: current,
              redirectChain,
              ...last,
              httpStatus: response.statusCode,
              body: null,
              bytes: 0,
              redirectRefused: next.href,
              elapsedMs: Math.round(performance.now() - started),
            };
          }
          redirectChain.push(current);
          current = next.href;
          continue;
        }

        const declaredLength = Number(headers['content-length'] ?? Number.NaN);
        const wantBody =
          request.readBody?.({ httpStatus: response.statusCode, contentType: last.contentType }) ?? true;
        let body: Buffer | null = null;
        if (!wantBody) {
          await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        } else if (declaredLength > request.maxBytes && headers['content-encoding'] === undefined) {
          response.body.destroy();
          return fail(new CrawlFetchError('ERR_TOO_LARGE', `réponse annoncée de ${declaredLength} octets`));
        } else {
          body = await readBody(response, request.maxBytes);
        }
        return {
          ok: true,
          url,
          finalUrl: current,
          redirectChain,
          ...last,
          httpStatus: response.statusCode,
          body,
          bytes: body?.length ?? 0,
          redirectRefused: null,
          elapsedMs: Math.round(performance.now() - started),
        };
      }
    } catch (error) {
      // An abort surfaces as undici's own error when it hits between reads: report our reason.
      return fail(timer.signal.aborted ? timer.signal.reason : error);
    } finally {
      unlink();
      clearTimeout(timeout);
      slots.release();
    }
  }

  return {
    fetchPage,
    close: () => agent.close(),
  };
}
