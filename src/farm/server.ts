import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Farm } from './farm.types.ts';
import { hashString } from './random.ts';
import { bodyBytes, resolveRequest } from './routes.ts';
import { createFarmCertificates } from './tls.ts';

/**
 * Serves a generated farm on 127.0.0.1: one http server and, when the farm has https sites, one
 * https server, both on ephemeral ports, routing by Host header. Pages come from memory; latency
 * is a timer per response. Reach it like curl's --connect-to, through `connectTo`.
 */

export interface StartFarmOptions {
  /** Delay before every response (default 0). */
  latencyMs?: number;
  /** Start the https server (default: when the farm has https hosts). */
  https?: boolean;
  /** Apply the extra delay of slow pages (default true). */
  slowPages?: boolean;
  /** Keep a log of every request (default false). */
  log?: boolean;
}

export interface HostStats {
  requests: number;
  /** Requests being answered now (latency included). */
  inFlight: number;
  /** Most requests answered at once for this host: what per-host politeness limits. */
  maxConcurrent: number;
  /** Shortest time between two request arrivals, in ms (null with fewer than two requests). */
  minGapMs: number | null;
  byStatus: Record<string, number>;
}

export interface FarmStats {
  requests: number;
  byHost: Record<string, HostStats>;
}

export interface LoggedRequest {
  scheme: 'http' | 'https';
  host: string;
  target: string;
  status: number | 'reset' | 'unknown_host';
  /** ms since the farm started. */
  at: number;
}

export interface RunningFarm {
  farm: Farm;
  httpPort: number;
  httpsPort: number | null;
  /** PEM of the farm's CA (NetworkOptions.ca), null without https. */
  ca: string | null;
  /** NetworkOptions.connectTo: the farm's address for its hosts, undefined for any other. */
  connectTo: (
    hostname: string,
    protocol: 'http:' | 'https:',
  ) => { address: string; port: number } | undefined;
  stats(): FarmStats;
  resetStats(): void;
  requestLog(): readonly LoggedRequest[];
  close(): Promise<void>;
}

const ADDRESS = '127.0.0.1';

export async function startFarm(farm: Farm, options: StartFarmOptions = {}): Promise<RunningFarm> {
  const latencyMs = options.latencyMs ?? 0;
  const slowPages = options.slowPages ?? true;
  const withHttps = options.https ?? farm.needsHttps;
  if (!withHttps && farm.needsHttps) {
    throw new Error('farm: this farm has https hosts; start it with https, or generate it with https: false');
  }
  const started = performance.now();
  let stats = new Map<string, HostStats & { lastAt: number }>();
  let log: LoggedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const handler =
    (scheme: 'http' | 'https') => (request: http.IncomingMessage, response: http.ServerResponse) => {
      const host = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      const target = request.url ?? '/';
      const now = performance.now() - started;
      let stat = stats.get(host);
      if (stat === undefined) {
        stat = { requests: 0, inFlight: 0, maxConcurrent: 0, minGapMs: null, byStatus: {}, lastAt: now };
        stats.set(host, stat);
      } else {
        const gap = now - stat.lastAt;
        stat.minGapMs = stat.minGapMs === null ? gap : Math.min(stat.minGapMs, gap);
        stat.lastAt = now;
      }
      const counted = stat;
      counted.requests++;
      counted.inFlight++;
      counted.maxConcurrent = Math.max(counted.maxConcurrent, counted.inFlight);
      let open = true;
      const finish = (status: LoggedRequest['status']) => {
        if (!open) return;
        open = false;
        counted.inFlight--;
        counted.byStatus[String(status)] = (counted.byStatus[String(status)] ?? 0) + 1;
        if (options.log) log.push({ scheme, host, target, status, at: Math.round(now) });
      };
      response.on('close', () => finish(response.headersSent ? response.statusCode : 'reset'));
      request.resume();

      const resolved = resolveRequest(farm.routes, { scheme, host, target });
      if (resolved.kind === 'unknown_host') {
        finish('unknown_host');
        response
          .writeHead(421, { 'content-type': 'text/plain; charset=utf-8' })
          .end(`Hôte inconnu de la ferme : ${host}\n`);
        return;
      }
      const farmResponse = resolved.response;
      const delay = latencyMs + (slowPages ? (farmResponse.delayMs ?? 0) : 0);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!open) return; // the client went away while the latency ran
        if (farmResponse.reset) {
          finish('reset');
          try {
            request.socket.resetAndDestroy(); // TCP RST, like a crashed upstream
          } catch {
            request.socket.destroy(); // TLS sockets cannot send a bare RST
          }
          return;
        }
        const body = bodyBytes(farmResponse.body, sessionId(resolved.sessionSeed));
        response.writeHead(farmResponse.status, {
          ...farmResponse.headers,
          ...resolved.headers,
          'content-length': String(body.length),
        });
        response.end(request.method === 'HEAD' ? undefined : body);
      }, delay);
      timers.add(timer);
    };

  const httpServer = http.createServer({ keepAliveTimeout: 5_000 }, handler('http'));
  let httpsServer: https.Server | null = null;
  let ca: string | null = null;
  if (withHttps) {
    const certificates = await createFarmCertificates(
      (hostname) => farm.routes.get(hostname)?.https === true,
    );
    ca = certificates.caPem;
    httpsServer = https.createServer(
      { SNICallback: certificates.sniCallback, keepAliveTimeout: 5_000 },
      handler('https'),
    );
  }
  const httpPort = await listen(httpServer);
  const httpsPort = httpsServer === null ? null : await listen(httpsServer);

  return {
    farm,
    httpPort,
    httpsPort,
    ca,
    connectTo(hostname, protocol) {
      if (!farm.routes.has(hostname.toLowerCase())) return undefined;
      // Without an https server, TLS to the http port fails cleanly instead of reaching the real host.
      return { address: ADDRESS, port: protocol === 'https:' ? (httpsPort ?? httpPort) : httpPort };
    },
    stats() {
      const byHost: Record<string, HostStats> = {};
      let requests = 0;
      for (const [host, { lastAt: _lastAt, ...stat }] of [...stats.entries()].sort(([a], [b]) =>
        a.localeCompare(b),
      )) {
        byHost[host] = { ...stat, byStatus: { ...stat.byStatus } };
        requests += stat.requests;
      }
      return { requests, byHost };
    },
    resetStats() {
      stats = new Map();
      log = [];
    },
    requestLog: () => log,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all([close(httpServer), httpsServer === null ? undefined : close(httpsServer)]);
    },
  };
}

/** A session id like a Java or PHP server would make, derived from the request URL. */
function sessionId(seed: string): string {
  return `${hashString(seed).toString(16).padStart(8, '0')}${hashString(seed, 0x5eed).toString(16).padStart(8, '0')}`.toUpperCase();
}

function listen(server: http.Server | https.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, ADDRESS, () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: http.Server | https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
