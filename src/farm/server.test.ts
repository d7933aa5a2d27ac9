import { Agent, buildConnector, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Farm, FarmSite } from './farm.types.ts';
import { shippedReferential } from './farm-fixtures.ts';
import { generateFarm } from './generate.ts';
import { type RunningFarm, startFarm } from './server.ts';
import { SLOW_MS } from './traps.ts';

const LATENCY_MS = 50;
let farm: Farm;
let running: RunningFarm;
let agent: Agent;

/** How the crawler reaches the farm: undici with a connector that applies connectTo, keeping Host and SNI. */
function farmAgent(ca: string | undefined): Agent {
  const connector = buildConnector(ca === undefined ? {} : { ca });
  return new Agent({
    connections: 16,
    connect(options, callback) {
      const protocol = options.protocol === 'https:' ? 'https:' : 'http:';
      const target = running.connectTo(options.hostname, protocol);
      if (target === undefined) {
        callback(new Error(`not a farm host: ${options.hostname}`), null);
        return;
      }
      connector(
        { ...options, hostname: target.address, port: String(target.port), servername: options.hostname },
        callback,
      );
    },
  });
}

/** Waits until the server has closed every response it sent. */
async function settled(): Promise<void> {
  await vi.waitFor(
    () => {
      const busy = Object.values(running.stats().byHost).some((host) => host.inFlight > 0);
      if (busy) throw new Error('responses still open');
    },
    { timeout: 5_000, interval: 5 },
  );
}

async function get(
  url: string,
  dispatcher = agent,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const response = await request(url, { dispatcher });
  return { status: response.statusCode, body: await response.body.text(), headers: response.headers };
}

function siteWhere(predicate: (site: FarmSite) => boolean): FarmSite {
  const site = farm.sites.find(predicate);
  if (site === undefined) throw new Error('no such site in the test farm');
  return site;
}

beforeAll(async () => {
  farm = generateFarm({ seed: 5, sites: 12, referential: await shippedReferential(), pagesPerSite: 30 });
  running = await startFarm(farm, { latencyMs: LATENCY_MS, log: true });
  agent = farmAgent(running.ca ?? undefined);
});

afterAll(async () => {
  await agent?.close();
  await running?.close();
});

describe('startFarm', () => {
  it('routes by Host header over real HTTP and HTTPS, trusting the farm CA', async () => {
    expect(running.httpsPort).not.toBeNull();
    for (const site of farm.sites.slice(0, 4)) {
      const home = await get(site.homeUrl);
      expect(home.status, site.homeUrl).toBe(200);
      expect(home.body).toContain(site.name.slice(0, 12));
    }
    const httpsSite = siteWhere(
      (site) => site.groundTruth.portal.https && site.groundTruth.portal.httpRedirectsToHttps,
    );
    const plain = await get(httpsSite.homeUrl.replace('https:', 'http:'));
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toBe(httpsSite.homeUrl);
  });

  it('refuses TLS without the farm CA, and for http-only sites', async () => {
    const site = siteWhere((candidate) => candidate.groundTruth.portal.https);
    const untrusting = farmAgent(undefined);
    await expect(get(site.homeUrl, untrusting)).rejects.toThrow();
    await untrusting.close();
    const httpOnly = farm.sites.find((candidate) => !candidate.groundTruth.portal.https);
    if (httpOnly !== undefined)
      await expect(get(httpOnly.homeUrl.replace('http:', 'https:'))).rejects.toThrow();
  });

  it('maps farm hosts only, and answers 421 to unknown hosts', async () => {
    expect(running.connectTo('www.demarches-simplifiees.fr', 'https:')).toEqual({
      address: '127.0.0.1',
      port: running.httpsPort,
    });
    expect(running.connectTo('example.org', 'http:')).toBeUndefined();
    const response = await request(`http://127.0.0.1:${running.httpPort}/`, {
      headers: { host: 'example.org' },
    });
    expect(response.statusCode).toBe(421);
    await response.body.dump();
  });

  it('delays every response by the latency, and slow pages by more', async () => {
    const site = farm.sites[0] as FarmSite;
    const started = performance.now();
    await get(site.groundTruth.services[0]?.url ?? site.homeUrl);
    expect(performance.now() - started).toBeGreaterThanOrEqual(LATENCY_MS - 2);
    const slow = site.groundTruth.traps.slow[0] ?? '';
    const slowStarted = performance.now();
    expect((await get(slow)).status).toBe(200);
    expect(performance.now() - slowStarted).toBeGreaterThanOrEqual(SLOW_MS + LATENCY_MS - 2);
  });

  it('counts requests and concurrent requests per host', async () => {
    const [parallel, sequential] = farm.sites.filter((site) => site.groundTruth.portal.https) as [
      FarmSite,
      FarmSite,
    ];
    const urls = parallel.groundTruth.services.slice(0, 6).map((service) => service.url);
    await Promise.all(urls.map((url) => get(url))); // opens the connections and TLS sessions
    // The server logs a request when its response closes, which may come after the client has read it.
    await settled();
    running.resetStats();
    await Promise.all(urls.map((url) => get(url)));
    for (const service of sequential.groundTruth.services.slice(0, 3)) await get(service.url);
    await settled();
    const stats = running.stats();
    const parallelHost = stats.byHost[new URL(parallel.homeUrl).hostname];
    expect(parallelHost?.requests).toBe(urls.length);
    expect(parallelHost?.maxConcurrent).toBe(urls.length);
    const sequentialHost = stats.byHost[new URL(sequential.homeUrl).hostname];
    expect(sequentialHost?.requests).toBe(3);
    expect(sequentialHost?.maxConcurrent).toBe(1);
    expect(sequentialHost?.minGapMs).toBeGreaterThanOrEqual(LATENCY_MS - 2);
    // Only these two hosts: a slow request of an earlier test may still land in the log.
    const hosts = [parallel, sequential].map((site) => new URL(site.homeUrl).hostname);
    expect(running.requestLog().filter((entry) => hosts.includes(entry.host)).length).toBe(urls.length + 3);
  });

  it('resets connections on the pages that do', async () => {
    const site = siteWhere((candidate) => candidate.groundTruth.traps.connectionResets.length > 0);
    await expect(get(site.groundTruth.traps.connectionResets[0] ?? '')).rejects.toThrow();
  });

  it('gives a new session id to each URL on session-id sites', async () => {
    const site = siteWhere((candidate) => candidate.groundTruth.traps.sessionIds !== null);
    const first = await get(site.homeUrl);
    const ids = [...first.body.matchAll(/(?:jsessionid|PHPSESSID)=([0-9A-F]+)/g)].map((match) => match[1]);
    expect(ids.length).toBeGreaterThan(5);
    expect(new Set(ids).size).toBe(1);
    const linked = /href="(\/[^"]*(?:jsessionid|PHPSESSID)=[0-9A-F]+[^"]*)"/.exec(first.body)?.[1] ?? '';
    const second = await get(new URL(linked.replace(/&amp;/g, '&'), site.homeUrl).toString());
    expect(second.status).toBe(200);
    expect(second.body).not.toContain(ids[0]);
  });
});
