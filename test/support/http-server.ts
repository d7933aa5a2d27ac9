/**
 * Real HTTP(S) servers on 127.0.0.1 for crawler tests: a random port, a request log with
 * server-side timestamps, and a close() that also drops kept-alive and hanging sockets.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export type Handler = (request: IncomingMessage, response: ServerResponse) => unknown;

export interface LoggedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: IncomingMessage['headers'];
  /** performance.now() when the server saw the request. */
  at: number;
  /** Requests in flight on this server when this one arrived (itself included). */
  inFlight: number;
}

export interface TestServer {
  port: number;
  /** "http://127.0.0.1:PORT" (or https). */
  origin: string;
  url(path: string): string;
  requests: LoggedRequest[];
  /** Highest number of requests in flight seen at once. */
  maxInFlight(): number;
  /** TCP connections accepted so far (keep-alive reuses them). */
  connections(): number;
  close(): Promise<void>;
}

export interface TestServerOptions {
  tls?: { key: string; cert: string };
}

export async function startTestServer(
  handler: Handler,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const requests: LoggedRequest[] = [];
  let inFlight = 0;
  let peak = 0;
  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    requests.push({
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      headers: request.headers,
      at: performance.now(),
      inFlight,
    });
    let done = false;
    const finish = (): void => {
      if (!done) inFlight -= 1;
      done = true;
    };
    response.on('finish', finish);
    response.on('close', finish);
    Promise.resolve(handler(request, response)).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500);
      response.end(String(error));
    });
  };
  const server: Server =
    options.tls === undefined ? createHttpServer(listener) : createHttpsServer(options.tls, listener);
  let connections = 0;
  server.on(options.tls === undefined ? 'connection' : 'secureConnection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `${options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`;
  return {
    port,
    origin,
    url: (path) => `${origin}${path}`,
    requests,
    maxInFlight: () => peak,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends an HTML page (utf-8 unless the caller sets its own Content-Type). */
export function sendHtml(
  response: ServerResponse,
  html: string | Buffer,
  status = 200,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
  response.end(html);
}

/** A small HTML page linking to the given hrefs. */
export function linksPage(title: string, hrefs: string[]): string {
  const links = hrefs.map((href) => `<a href="${href}">${href}</a>`).join('\n');
  return `<!doctype html><html lang="fr"><head><title>${title}</title></head><body><h1>${title}</h1>${links}</body></html>`;
}
