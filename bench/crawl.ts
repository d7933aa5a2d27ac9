/**
 * Crawl benchmark (issue « Audit pipeline », item 10): the full audit pipeline over the fixture
 * farm, next to the floor of a bare fetch + parse of the same pages under the same budget.
 *
 *   npm run bench:crawl [-- OPTIONS]
 *
 * Options: --sites 101, --pages 150 (per site), --latency 50 (ms per response), --seed 2026,
 * --site-concurrency 16, --per-site-concurrency 4, --host-concurrency 4, --host-delay 0 (ms),
 * --detection-workers N (threads detecting pages; default: the cores beyond one, at most 4),
 * --no-slow-pages, --crawler-only (a third phase: src/crawl alone, no audit), --profile FILE
 * (CPU profile of the pipeline phase, written to FILE and summarised), --keep (keep the SQLite
 * file).
 *
 * The farm runs in a child process (its CPU is not ours to count), the pipeline writes to a
 * fresh SQLite file in a temporary directory, the floor fetches the URLs the pipeline stored.
 * The last line sums up:
 *   bench:crawl pipeline_pages_per_s=… floor_pages_per_s=… ratio=… target=met|missed
 * Exit 0 whether the targets are met or not; non-zero only on a crash. See docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CrawlLimits } from '../src/crawl/crawl.types.ts';
import { openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { defaultDetectionWorkers } from '../src/detection/detection-pool.ts';
import { startProfiler, summarise } from './cpu-profile.ts';
import { runCrawlerOnly } from './crawler-only.ts';
import { startFarmChild } from './farm-child.ts';
import type { FarmSettings } from './farm-protocol.ts';
import { floorWork, runFloor } from './floor.ts';
import { measured, type PhaseCost } from './phase.ts';
import { type Budget, runPipeline, seedDatabase } from './pipeline.ts';
import { printCrawlerOnly, printFloor, printPipeline, printProfile, printVerdict } from './report.ts';
import { instrumentSqlite, instrumentTls } from './spans.ts';

const { values } = parseArgs({
  options: {
    sites: { type: 'string', default: '101' },
    pages: { type: 'string', default: '150' },
    latency: { type: 'string', default: '50' },
    seed: { type: 'string', default: '2026' },
    'site-concurrency': { type: 'string', default: '16' },
    'per-site-concurrency': { type: 'string', default: '4' },
    'host-concurrency': { type: 'string', default: '4' },
    'host-delay': { type: 'string', default: '0' },
    'detection-workers': { type: 'string' },
    'no-slow-pages': { type: 'boolean', default: false },
    profile: { type: 'string' },
    'crawler-only': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

function integer(name: string, raw: string | undefined, min = 0): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`--${name}: integer ≥ ${min} expected, got "${raw}"`);
  return value;
}

/**
 * Tuned for the farm rather than the CLI defaults (8 sites at once, 2 requests per host, 500 ms
 * between two requests to a host): with those, politeness alone makes a site of 150 pages last
 * 40 s, and the benchmark would measure the delay, not the pipeline. The farm is ours, so no
 * delay, and 16 sites × 4 requests keep 64 requests in flight.
 */
const budget: Budget = {
  siteConcurrency: integer('site-concurrency', values['site-concurrency'], 1),
  perSiteConcurrency: integer('per-site-concurrency', values['per-site-concurrency'], 1),
  hostConcurrency: integer('host-concurrency', values['host-concurrency'], 1),
  hostDelayMs: integer('host-delay', values['host-delay']),
  detectionWorkers:
    values['detection-workers'] === undefined
      ? defaultDetectionWorkers()
      : integer('detection-workers', values['detection-workers']),
};
/** The CLI's limits (src/cli/commands/crawl.ts) with room for whole sites: 300 pages, depth 8. */
const limits: CrawlLimits = {
  maxPages: 300,
  maxDepth: 8,
  maxBytes: 5_000_000,
  requestTimeoutMs: 20_000,
  siteTimeoutMs: 15 * 60_000,
};
/** Slow pages on (1.5 s and 12 s, within the 20 s timeout), the Crawl-delay site off (1 page/s would set the wall time alone). */
const settings: FarmSettings = {
  seed: integer('seed', values.seed),
  sites: integer('sites', values.sites, 1),
  pagesPerSite: integer('pages', values.pages, 1),
  latencyMs: integer('latency', values.latency),
  slowPages: !values['no-slow-pages'],
  crawlDelaySite: false,
};

/** The commit measured, and whether the working tree differs from it. */
function codeVersion(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes' : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

const sqlite = instrumentSqlite();
const tlsSpans = instrumentTls();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-crawl-'));
const farm = await startFarmChild(settings);
const database = openSqlite(path.join(dir, 'bench.sqlite'));
try {
  const cpus = os.cpus();
  const load = os.loadavg();
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model ?? '?'}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB, Node ${process.version}; load average ${load.map((l) => l.toFixed(1)).join(' ')}`,
  );
  console.log(`code: ${codeVersion()}`);
  if ((load[0] ?? 0) > cpus.length) {
    console.log(
      `  warning: the machine is busy (load above ${cpus.length}): wall times and rates will be low`,
    );
  }
  console.log(
    `farm (child process): ${farm.ready.sites.length} sites, ${farm.ready.documents} documents, seed ${settings.seed}, ${settings.latencyMs} ms latency, slow pages ${settings.slowPages ? 'on' : 'off'}, generated in ${(farm.ready.generatedMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `budget: ${budget.siteConcurrency} sites × ${budget.perSiteConcurrency} requests, ${budget.hostConcurrency} per host, ${budget.hostDelayMs} ms host delay, ${budget.detectionWorkers} detection worker threads; limits ${limits.maxPages} pages, depth ${limits.maxDepth}, ${limits.requestTimeoutMs / 1000} s per request`,
  );
  await migrateToLatest(database.db);
  await seedDatabase(database, farm.ready);

  console.log('\npipeline (runAudit on a fresh SQLite file)…');
  sqlite.reset();
  tlsSpans.reset();
  const farmStart = await farm.stats(true);
  const profileFile = values.profile;
  const profiler = profileFile === undefined ? null : await startProfiler();
  let lastLine = 0;
  const pipeline = await measured(() =>
    runPipeline(database, farm.network, budget, limits, (done, total, pages, elapsedMs) => {
      if (elapsedMs - lastLine < 10_000 && done < total) return;
      lastLine = elapsedMs;
      console.log(`  ${done}/${total} sites, ${pages} pages, ${(elapsedMs / 1000).toFixed(1)} s`);
    }),
  );
  const profile = profiler === null || profileFile === undefined ? null : await profiler.stop(profileFile);
  const farmPipeline = await farm.stats(true);
  const pipelineSpans = { sqlite: sqlite.snapshot(), tls: { ...tlsSpans } };

  console.log('floor (fetch + htmlparser2 of the same pages, same budget)…');
  tlsSpans.reset();
  const work = await floorWork(database);
  const floor = await measured(() => runFloor(work, farm.network, budget, limits));
  const farmFloor = await farm.stats(true);
  const floorTls = { ...tlsSpans };

  let crawler: { pages: number; cost: PhaseCost } | null = null;
  if (values['crawler-only']) {
    console.log('crawler only (crawlSites, no detection or storage, same budget)…');
    const crawled = await measured(() =>
      runCrawlerOnly(
        farm.ready.sites.map((site) => site.homeUrl),
        farm.network,
        budget,
        limits,
      ),
    );
    crawler = { pages: crawled.value.pages, cost: crawled.cost };
  }

  const pages = work.pagesStored;
  printPipeline({
    ...pipeline.value,
    cost: pipeline.cost,
    pages,
    farmRequests: farmPipeline.requests,
    farmCpuMs: farmPipeline.cpuMs - farmStart.cpuMs,
    spans: pipelineSpans,
  });
  printFloor({
    ...floor.value,
    cost: floor.cost,
    pages,
    notFetched: pages - work.pagesToFetch,
    farmRequests: farmFloor.requests,
    farmCpuMs: farmFloor.cpuMs - farmPipeline.cpuMs,
    tls: floorTls,
  });
  if (crawler !== null) printCrawlerOnly(crawler);
  if (profile !== null && profileFile !== undefined) printProfile(summarise(profile), profileFile);
  const report = pipeline.value.report;
  printVerdict({
    pages,
    sites: settings.sites,
    sitesDone: report.sitesDone - report.failedSites,
    pipelineMs: pipeline.cost.wallMs,
    floorMs: floor.cost.wallMs,
    pipelineCpuMs: pipeline.cost.cpuMs,
    floorCpuMs: floor.cost.cpuMs,
    crawler,
    rss: pipeline.value.rss,
    loadAfter: os.loadavg(),
  });
  if (values.keep) console.log(`database kept: ${dir}`);
} finally {
  await database.close();
  await farm.close();
  if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
}
