/**
 * The fixture farm in a process of its own, so that the benchmark's CPU figures are the
 * crawler's alone: with two cores, the farm answers on one while the crawl runs on the other.
 * Started by farm-child.ts with IPC; it generates the farm, listens on 127.0.0.1 and reports
 * its ports, CA and sites, then answers `stats` requests until told to `close`.
 */
import { generateFarm } from '../src/farm/generate.ts';
import { startFarm } from '../src/farm/server.ts';
import { shippedReferential } from '../test/support/farm-audit.ts';
import type { FarmReady, FarmRequest, FarmResponse, FarmSettings } from './farm-protocol.ts';

function send(message: FarmResponse): void {
  process.send?.(message);
}

const settings = JSON.parse(process.argv[2] ?? '{}') as FarmSettings;
const started = performance.now();
const referential = await shippedReferential();
const farm = generateFarm({
  seed: settings.seed,
  sites: settings.sites,
  referential,
  pagesPerSite: settings.pagesPerSite,
  crawlDelaySite: settings.crawlDelaySite,
});
const generatedMs = performance.now() - started;
const running = await startFarm(farm, { latencyMs: settings.latencyMs, slowPages: settings.slowPages });

const ready: FarmReady = {
  type: 'ready',
  httpPort: running.httpPort,
  httpsPort: running.httpsPort,
  ca: running.ca,
  hosts: farm.hosts(),
  sites: farm.sites.map((site) => ({ code: site.code, name: site.name, homeUrl: site.homeUrl })),
  documents: farm.sites.reduce((sum, site) => sum + site.groundTruth.pageCount, 0),
  generatedMs,
};
send(ready);

process.on('message', (request: FarmRequest) => {
  if (request.type === 'stats') {
    const stats = running.stats();
    let maxConcurrentPerHost = 0;
    for (const host of Object.values(stats.byHost)) {
      maxConcurrentPerHost = Math.max(maxConcurrentPerHost, host.maxConcurrent);
    }
    const cpu = process.cpuUsage();
    send({
      type: 'stats',
      id: request.id,
      requests: stats.requests,
      maxConcurrentPerHost,
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssBytes: process.memoryUsage().rss,
    });
    if (request.reset) running.resetStats();
  } else if (request.type === 'close') {
    void running.close().then(() => process.exit(0));
  }
});
// The parent went away (crash, Ctrl-C): do not outlive it.
process.on('disconnect', () => {
  void running.close().then(() => process.exit(0));
});
