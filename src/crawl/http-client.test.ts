import { createServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import { generate } from 'selfsigned';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendHtml, startTestServer, type TestServer } from '../../test/support/http-server.ts';
import type { NetworkOptions } from './crawl.types.ts';
import { classifyFetch } from './fetch-outcome.ts';
import {
  createHttpClient,
  DEFAULT_USER_AGENT,
  type FetchFailure,
  type HttpClient,
  type HttpClientOptions,
  type RawResponse,
} from './http-client.ts';

const HOST = 'www.example-collectivite.test';
const LIMITS = { timeoutMs: 2000, maxBytes: 100_000 };

const local: NetworkOptions = { userAgent: DEFAULT_USER_AGENT, allowPrivateNetwork: true };

let server: TestServer;
const clients: HttpClient[] = [];

function client(network: NetworkOptions = local, options: HttpClientOptions = {}): HttpClient {
  const created = createHttpClient(network, options);
  clients.push(created);
  return created;
}

function statusOf(result: RawResponse | FetchFailure): string {
  return result.ok
    ? classifyFetch({ httpStatus: result.httpStatus, contentType: result.contentType }).status
    : classifyFetch({ error: result.error }).status;
}

beforeAll(async () => {
  server = await startTestServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const path = url.pathname;
    if (path === '/') return sendHtml(response, '<title>Accueil</title>');
    if (path === '/moved') return sendHtml(response, '', 301, { location: '/target?x=1' });
    if (path === '/target') return sendHtml(response, '<title>Cible</title>');
    if (path === '/loop-a') return sendHtml(response, '', 302, { location: '/loop-b' });
    if (path === '/loop-b') return sendHtml(response, '', 302, { location: '/loop-a' });
    if (path.startsWith('/chain/')) {
      const n = Number(path.slice('/chain/'.length));
      return sendHtml(response, '', 302, { location: `/chain/${n + 1}` });
    }
    if (path === '/cookie-check') {
      if (request.headers.cookie?.includes('seen=1')) return sendHtml(response, '<title>Avec cookie</title>');
      return sendHtml(response, '', 302, { location: '/cookie-check', 'set-cookie': 'seen=1; Path=/' });
    }
    if (path === '/elsewhere')
      return sendHtml(response, '', 302, { location: 'https://autre-site.test/page' });
    if (path === '/to-mailto') return sendHtml(response, '', 302, { location: 'mailto:mairie@example.test' });
    if (path === '/no-headers') return; // never answers
    if (path === '/slow-body') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.write('<html>');
      return; // body never ends
    }
    if (path === '/huge-stream') {
      response.writeHead(200, { 'content-type': 'text/html' });
      const chunk = 'x'.repeat(16_384);
      for (let i = 0; i < 20; i += 1) response.write(chunk);
      return response.end();
    }
    if (path === '/huge-declared') {
      response.writeHead(200, { 'content-type': 'text/html', 'content-length': '500000' });
      return response.end('x'.repeat(500_000));
    }
    if (path === '/gzip') {
      response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      return response.end(gzipSync('<title>Compressé</title>'));
    }
    if (path === '/gzip-bomb') {
      response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      return response.end(gzipSync(Buffer.alloc(5_000_000, 0x20)));
    }
    if (path === '/doc.pdf') {
      response.writeHead(200, { 'content-type': 'application/pdf' });
      return response.end('%PDF-1.4');
    }
    if (path === '/host') return sendHtml(response, String(request.headers.host));
    sendHtml(response, 'absent', 404);
  });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((created) => created.close()));
});

afterAll(async () => {
  await server.close();
});

describe('fetchPage', () => {
  it('sends the published User-Agent and asks for French', async () => {
    const result = await client().fetchPage(server.url('/'), LIMITS);
    expect(result.ok && result.body?.toString()).toBe('<title>Accueil</title>');
    const seen = server.requests.at(-1);
    expect(seen?.headers['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(seen?.headers['accept-language']).toMatch(/^fr/);
  });

  it('follows redirects by hand and records the chain', async () => {
    const result = await client().fetchPage(server.url('/moved'), LIMITS);
    expect(result).toMatchObject({
      ok: true,
      httpStatus: 200,
      url: server.url('/moved'),
      finalUrl: server.url('/target?x=1'),
      redirectChain: [server.url('/moved')],
    });
  });

  it('detects a redirect loop', async () => {
    const result = await client().fetchPage(server.url('/loop-a'), LIMITS);
    expect(statusOf(result)).toBe('redirect_loop');
  });

  it('stops after 10 redirects', async () => {
    const result = await client().fetchPage(server.url('/chain/0'), LIMITS);
    expect(statusOf(result)).toBe('too_many_redirects');
    expect(result.redirectChain).toHaveLength(10);
  });

  it('is not fooled by a "cookie check" redirect to the same URL', async () => {
    const result = await client().fetchPage(server.url('/cookie-check'), LIMITS);
    expect(result.ok && result.body?.toString()).toBe('<title>Avec cookie</title>');
  });

  it('asks the caller before each hop and returns the 3xx when refused', async () => {
    const asked: string[] = [];
    const result = await client().fetchPage(server.url('/elsewhere'), {
      ...LIMITS,
      followRedirect: (_from, to) => {
        asked.push(to);
        return false;
      },
    });
    expect(asked).toEqual(['https://autre-site.test/page']);
    expect(result).toMatchObject({
      ok: true,
      httpStatus: 302,
      redirectRefused: 'https://autre-site.test/page',
    });
  });

  it('refuses a redirect to a non-http scheme as invalid_url', async () => {
    expect(statusOf(await client().fetchPage(server.url('/to-mailto'), LIMITS))).toBe('invalid_url');
  });

  it('times out when headers never come', async () => {
    const result = await client().fetchPage(server.url('/no-headers'), { ...LIMITS, timeoutMs: 150 });
    expect(statusOf(result)).toBe('timeout');
  });

  it('times out when the body never ends', async () => {
    const result = await client().fetchPage(server.url('/slow-body'), { ...LIMITS, timeoutMs: 150 });
    expect(statusOf(result)).toBe('timeout');
    expect(result.httpStatus).toBe(200);
  });

  it('aborts a streamed body beyond maxBytes', async () => {
    const result = await client().fetchPage(server.url('/huge-stream'), { ...LIMITS, maxBytes: 50_000 });
    expect(statusOf(result)).toBe('too_large');
  });

  it('refuses a body announced larger than maxBytes', async () => {
    const result = await client().fetchPage(server.url('/huge-declared'), { ...LIMITS, maxBytes: 50_000 });
    expect(statusOf(result)).toBe('too_large');
  });

  it('decompresses gzip', async () => {
    const result = await client().fetchPage(server.url('/gzip'), LIMITS);
    expect(result.ok && result.body?.toString()).toBe('<title>Compressé</title>');
  });

  it('counts decompressed bytes against the cap (gzip bomb)', async () => {
    const result = await client().fetchPage(server.url('/gzip-bomb'), LIMITS);
    expect(statusOf(result)).toBe('too_large');
  });

  it('can skip the body of a non-HTML response, keeping its content type', async () => {
    const result = await client().fetchPage(server.url('/doc.pdf'), { ...LIMITS, readBody: () => false });
    expect(result).toMatchObject({ ok: true, body: null, contentType: 'application/pdf' });
    expect(statusOf(result)).toBe('not_html');
  });

  it('reuses kept-alive connections', async () => {
    const http = client();
    const before = server.connections();
    for (let i = 0; i < 6; i += 1) await http.fetchPage(server.url('/'), LIMITS);
    // undici may open a second socket while the first one finishes its response: never six.
    expect(server.connections() - before).toBeLessThanOrEqual(2);
  });

  it('reports a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    expect(statusOf(await client().fetchPage(`http://127.0.0.1:${port}/`, LIMITS))).toBe('connection_error');
  });
});

describe('SSRF guard', () => {
  const publicNet: NetworkOptions = { userAgent: DEFAULT_USER_AGENT, allowPrivateNetwork: false };

  it('refuses 127.0.0.1 by default, without reaching the server', async () => {
    const before = server.requests.length;
    const result = await client(publicNet).fetchPage(server.url('/'), LIMITS);
    expect(statusOf(result)).toBe('ssrf_blocked');
    expect(server.requests.length).toBe(before);
  });

  it('refuses a hostname whose DNS answers are all private', async () => {
    const http = client(publicNet, { resolveHost: async () => [{ address: '10.0.0.5', family: 4 }] });
    expect(statusOf(await http.fetchPage('http://intranet.example.test/', LIMITS))).toBe('ssrf_blocked');
  });

  it('refuses an IPv6 loopback answer', async () => {
    const http = client(publicNet, { resolveHost: async () => [{ address: '::1', family: 6 }] });
    expect(statusOf(await http.fetchPage('http://v6.example.test/', LIMITS))).toBe('ssrf_blocked');
  });

  it('connects to the address its own resolver returned', async () => {
    const http = client(local, { resolveHost: async () => [{ address: '127.0.0.1', family: 4 }] });
    const result = await http.fetchPage(`http://resolu.example.test:${server.port}/host`, LIMITS);
    expect(result.ok && result.body?.toString()).toBe(`resolu.example.test:${server.port}`);
  });

  it('reports resolver failures as dns_error', async () => {
    const http = client(publicNet, {
      resolveHost: async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
      },
    });
    expect(statusOf(await http.fetchPage('http://absent.example.test/', LIMITS))).toBe('dns_error');
  });

  it('checks connectTo addresses too', async () => {
    const http = client({ ...publicNet, connectTo: () => ({ address: '127.0.0.1', port: server.port }) });
    expect(statusOf(await http.fetchPage(`http://${HOST}/`, LIMITS))).toBe('ssrf_blocked');
  });
});

describe('connectTo', () => {
  it('routes a hostname to the local server and keeps the Host header', async () => {
    const http = client({
      ...local,
      connectTo: (hostname) => (hostname === HOST ? { address: '127.0.0.1', port: server.port } : undefined),
    });
    const result = await http.fetchPage(`http://${HOST}/host`, LIMITS);
    expect(result.ok && result.body?.toString()).toBe(HOST);
    expect(result.finalUrl).toBe(`http://${HOST}/host`);
  });
});

describe('https with a self-signed certificate', () => {
  let secure: TestServer;
  let cert: string;

  beforeAll(async () => {
    const pems = await generate([{ name: 'commonName', value: HOST }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: HOST }] }],
    });
    cert = pems.cert;
    secure = await startTestServer((request, response) => sendHtml(response, String(request.headers.host)), {
      tls: { key: pems.private, cert: pems.cert },
    });
  });

  afterAll(async () => {
    await secure.close();
  });

  const route = () => ({ address: '127.0.0.1', port: secure.port });

  it('is trusted through `ca`, with the TLS server name of the routed host', async () => {
    const http = client({ ...local, ca: cert, connectTo: route });
    const result = await http.fetchPage(`https://${HOST}/`, LIMITS);
    expect(result.ok && result.body?.toString()).toBe(HOST);
  });

  it('is refused without it (tls_error)', async () => {
    const http = client({ ...local, connectTo: route });
    expect(statusOf(await http.fetchPage(`https://${HOST}/`, LIMITS))).toBe('tls_error');
  });
});
