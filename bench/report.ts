/** What the crawl benchmark prints: the two phases, the profile if any, the targets, the summary line. */
import type { AuditReport } from '../src/audits/audit.service.ts';
import type { ProfileSummary } from './cpu-profile.ts';
import type { FloorResult } from './floor.ts';
import type { PhaseCost } from './phase.ts';
import { MILESTONES } from './pipeline.ts';
import { MB, type RssSampler } from './rss-sampler.ts';
import type { ExtractSpan, Span, SqliteSnapshot } from './spans.ts';

export const TARGET = {
  /** Pipeline pages/s at least this share of the floor's. */
  ratio: 0.8,
  /** Every site audited within this many seconds. */
  wallSeconds: 180,
  /** RSS when every site is done at most this multiple of the RSS at 25 % of the sites. */
  rssGrowth: 1.5,
} as const;

const secs = (ms: number) => (ms / 1000).toFixed(1);
const seconds = (ms: number) => `${secs(ms)} s`;
const megabytes = (bytes: number | undefined) => (bytes === undefined ? '?' : `${Math.round(bytes / MB)} MB`);
const perPage = (ms: number, pages: number) => `${(ms / Math.max(1, pages)).toFixed(2)} ms/page`;

function costLine(cost: PhaseCost, pages: number, farmCpuMs?: number): string {
  const farm = farmCpuMs === undefined ? '' : `; farm process CPU ${seconds(farmCpuMs)}`;
  return `  wall ${seconds(cost.wallMs)}; main thread busy ${(cost.eventLoopUtilization * 100).toFixed(0)} % of it; process CPU ${seconds(cost.cpuMs)} (${perPage(cost.cpuMs, pages)})${farm}`;
}

export function printPipeline(run: {
  report: AuditReport;
  cost: PhaseCost;
  pages: number;
  rss: RssSampler;
  milestones: Map<number, number>;
  extract: ExtractSpan;
  farmRequests: number;
  farmCpuMs: number;
  spans: { sqlite: SqliteSnapshot; tls: Span };
}): void {
  const { report, cost, pages, spans } = run;
  const statuses = Object.entries(report.byStatus)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([status, count]) => `${status} ${count}`)
    .join(', ');
  console.log('');
  console.log(
    `pipeline: ${report.sitesDone} sites done (${report.failedSites} failed), ${pages} pages stored, ${report.proposals} proposals, ${report.errors.length} errors`,
  );
  for (const error of report.errors.slice(0, 5)) console.log(`  error: ${error}`);
  console.log(`  pages by status: ${statuses}`);
  console.log(
    `  requests answered by the farm: ${run.farmRequests} (pages, robots.txt, sitemaps, http probes, retries)`,
  );
  console.log(costLine(cost, pages, run.farmCpuMs));
  const sqlite = spans.sqlite;
  console.log(
    `  spans (main thread, wall time): extraction ${seconds(run.extract.ms)} (${perPage(run.extract.ms, run.extract.calls)} over ${run.extract.calls} HTML pages); tls.connect ${seconds(spans.tls.ms)} for ${spans.tls.calls} connections; SQLite ${seconds(sqlite.totalMs)} (${perPage(sqlite.totalMs, pages)})`,
  );
  console.log(
    `  SQLite: prepare ${seconds(sqlite.prepare.ms)} × ${sqlite.prepare.calls}; ${sqlite.statements
      .slice(0, 7)
      .map(([verb, span]) => `${verb} ${seconds(span.ms)} × ${span.calls}`)
      .join('; ')}`,
  );
  const marks = MILESTONES.map(
    (percent) =>
      `${percent} % of sites ${megabytes(run.rss.markOf(`${percent}%`))} at ${seconds(run.milestones.get(percent) ?? Number.NaN)}`,
  );
  console.log(
    `  RSS: peak ${megabytes(run.rss.peak)} (${run.rss.samples} samples, every 250 ms); ${marks.join(', ')}; after the run ${megabytes(run.rss.markOf('after'))}`,
  );
}

export function printFloor(
  run: FloorResult & {
    cost: PhaseCost;
    pages: number;
    notFetched: number;
    farmRequests: number;
    farmCpuMs: number;
    tls: Span;
  },
): void {
  console.log(
    `floor: ${run.fetched} pages fetched (the ${run.notFetched} robots-disallowed or invalid ones were not fetched by the pipeline either), ${run.parsed} HTML bodies parsed (${(run.parsedBytes / MB).toFixed(0)} M characters), ${run.failures} network failures`,
  );
  console.log(`  requests answered by the farm: ${run.farmRequests}`);
  console.log(costLine(run.cost, run.pages, run.farmCpuMs));
  console.log(
    `  spans (main thread, wall time): tls.connect ${seconds(run.tls.ms)} for ${run.tls.calls} connections`,
  );
}

export function printCrawlerOnly(run: { pages: number; cost: PhaseCost }): void {
  console.log(`crawler only: ${run.pages} pages crawled, not stored`);
  console.log(costLine(run.cost, run.pages));
}

export function printProfile(summary: ProfileSummary, file: string): void {
  const share = (ms: number) => `${((ms / summary.totalMs) * 100).toFixed(1).padStart(5)} %`;
  console.log('');
  console.log(
    `CPU profile of the pipeline (${file}): ${seconds(summary.totalMs)} sampled on the main thread, idle excluded`,
  );
  console.log('  self time by area:');
  for (const [area, ms] of summary.byArea.filter(([area]) => area !== 'idle').slice(0, 20)) {
    console.log(`  ${seconds(ms).padStart(8)} ${share(ms)}  ${area}`);
  }
  console.log('  inclusive time of src/ functions (async continuations are separate stacks):');
  for (const [name, ms] of summary.inclusive.slice(0, 30)) {
    console.log(`  ${seconds(ms).padStart(8)} ${share(ms)}  ${name}`);
  }
}

export function printVerdict(run: {
  pages: number;
  sites: number;
  sitesDone: number;
  pipelineMs: number;
  floorMs: number;
  pipelineCpuMs: number;
  floorCpuMs: number;
  /** The optional crawler-only phase. */
  crawler: { pages: number; cost: PhaseCost } | null;
  rss: RssSampler;
  loadAfter: number[];
}): void {
  const pipelineRate = run.pages / (run.pipelineMs / 1000);
  const floorRate = run.pages / (run.floorMs / 1000);
  const ratio = pipelineRate / floorRate;
  const rss25 = run.rss.markOf('25%');
  const rss100 = run.rss.markOf('100%');
  const checks = [
    {
      met: ratio >= TARGET.ratio,
      text: `pipeline pages/s ≥ ${TARGET.ratio} × floor pages/s: ratio ${ratio.toFixed(2)}`,
    },
    {
      met: run.sitesDone === run.sites && run.pipelineMs < TARGET.wallSeconds * 1000,
      text: `all ${run.sites} sites audited in < ${TARGET.wallSeconds} s: ${run.sitesDone} in ${seconds(run.pipelineMs)}`,
    },
    {
      met: rss25 !== undefined && rss100 !== undefined && rss100 <= TARGET.rssGrowth * rss25,
      text: `memory bounded, RSS at 100 % of sites ≤ ${TARGET.rssGrowth} × RSS at 25 %: ${megabytes(rss100)} vs ${megabytes(rss25)}`,
    },
  ];
  console.log('');
  const crawler = run.crawler;
  const column = (pipeline: string, floor: string, middle?: string) =>
    `${pipeline.padStart(10)}${crawler === null ? '' : (middle ?? '').padStart(10)}${floor.padStart(10)}`;
  console.log(`            ${column('pipeline', 'floor', 'crawler')}`);
  console.log(
    `wall (s)    ${column(secs(run.pipelineMs), secs(run.floorMs), crawler === null ? '' : secs(crawler.cost.wallMs))}`,
  );
  console.log(
    `pages/s     ${column(pipelineRate.toFixed(1), floorRate.toFixed(1), crawler === null ? '' : (crawler.pages / (crawler.cost.wallMs / 1000)).toFixed(1))}`,
  );
  console.log(
    `pages       ${column(String(run.pages), String(run.pages), crawler === null ? '' : String(crawler.pages))}`,
  );
  console.log(
    `CPU ms/page ${column((run.pipelineCpuMs / run.pages).toFixed(2), (run.floorCpuMs / run.pages).toFixed(2), crawler === null ? '' : (crawler.cost.cpuMs / crawler.pages).toFixed(2))}  (process CPU: less sensitive to a busy machine)`,
  );
  console.log(`ratio pipeline/floor: ${ratio.toFixed(2)}`);
  console.log('');
  for (const check of checks) console.log(`[${check.met ? 'met' : 'MISSED'}] ${check.text}`);
  console.log(`load average after the run: ${run.loadAfter.map((l) => l.toFixed(1)).join(' ')}`);
  console.log('');
  console.log(`sites_per_min=${((run.sitesDone * 60_000) / run.pipelineMs).toFixed(1)}`);
  console.log(`wall_s=${(run.pipelineMs / 1000).toFixed(1)}`);
  console.log(`peak_rss_mb=${Math.round(run.rss.peak / MB)}`);
  console.log(
    `bench:crawl pipeline_pages_per_s=${pipelineRate.toFixed(1)} floor_pages_per_s=${floorRate.toFixed(1)} ratio=${ratio.toFixed(2)} target=${checks.every((check) => check.met) ? 'met' : 'missed'}`,
  );
}
