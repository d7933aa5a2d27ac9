/**
 * The audit pipeline as the CLI runs it (runAudit: crawl, extraction, detection, storage of
 * pages and findings, portal checks and proposals per site) on a fresh SQLite file, against
 * the farm process, with resident memory sampled while it runs.
 */
import { type AuditReport, runAudit } from '../src/audits/audit.service.ts';
import type { CrawlLimits, NetworkOptions } from '../src/crawl/crawl.types.ts';
import { createCrawlerRuntime } from '../src/crawl/crawler-runtime.ts';
import type { Database } from '../src/db/database.ts';
import { createEdition } from '../src/editions/editions.service.ts';
import { storeReferential } from '../src/referential/referential.repository.ts';
import { listAuditTargets } from '../src/territories/audit-targets.ts';
import { createAuthority } from '../test/support/authority-factory.ts';
import { shippedReferential } from '../test/support/farm-audit.ts';
import type { FarmReady } from './farm-protocol.ts';
import { RssSampler } from './rss-sampler.ts';
import { type ExtractSpan, timedExtractor } from './spans.ts';

export const EDITION_YEAR = 2026;
/** The clock of the stored rows; the benchmark's timings use performance.now(). */
const NOW = new Date('2026-11-21T12:00:00Z');

export interface Budget {
  siteConcurrency: number;
  perSiteConcurrency: number;
  /** Requests in flight per host (the CLI's BAROMETRE_CRAWL_HOST_CONCURRENCY). */
  hostConcurrency: number;
  /** Delay between two requests to one host (the CLI's BAROMETRE_CRAWL_DELAY_MS). */
  hostDelayMs: number;
  /** Threads detecting pages in the pipeline (runAudit's detectionWorkers); the floor has none. */
  detectionWorkers: number;
}

/** One département per farm site, with the site as its website, and the 2026 edition. */
export async function seedDatabase(database: Database, farm: FarmReady): Promise<void> {
  const referential = await shippedReferential();
  await storeReferential(database.db, referential, NOW);
  await createEdition(database.db, { year: EDITION_YEAR, referentialVersion: referential.version }, NOW);
  for (const site of farm.sites) {
    const id = await createAuthority(database.db, { kind: 'departement', code: site.code, name: site.name });
    await database.db
      .insertInto('authority_websites')
      .values({
        authority_id: id,
        url: site.homeUrl,
        source: 'farm',
        added_at: NOW.toISOString(),
        retired_at: null,
      })
      .execute();
  }
}

export interface PipelineResult {
  report: AuditReport;
  rss: RssSampler;
  /** Elapsed ms when 25 %, 50 %, 100 % of the sites were done. */
  milestones: Map<number, number>;
  extract: ExtractSpan;
}

export const MILESTONES = [25, 50, 100] as const;

export type ProgressLine = (sitesDone: number, sitesTotal: number, pages: number, elapsedMs: number) => void;

/** runAudit over every département of the database, as `barometre crawl --kind departement` does. */
export async function runPipeline(
  database: Database,
  network: Partial<NetworkOptions>,
  budget: Budget,
  limits: CrawlLimits,
  onSiteDone: ProgressLine,
): Promise<PipelineResult> {
  const runtime = createCrawlerRuntime(
    {
      crawlUserAgent: undefined,
      crawlDelayMs: budget.hostDelayMs,
      crawlHostConcurrency: budget.hostConcurrency,
    },
    { network },
  );
  const timed = timedExtractor(runtime.extract);
  const rss = new RssSampler();
  const milestones = new Map<number, number>();
  const targets = await listAuditTargets(database.db, { kind: 'departement' });
  let lastSitesDone = -1;
  rss.start(250);
  try {
    const report = await runAudit(
      { db: database.db, ...runtime, extract: timed.extract, now: () => NOW },
      {
        editionYear: EDITION_YEAR,
        targets,
        limits,
        siteConcurrency: budget.siteConcurrency,
        perSiteConcurrency: budget.perSiteConcurrency,
        simulated: true,
        detectionWorkers: budget.detectionWorkers,
        onProgress: (progress) => {
          if (progress.sitesDone === lastSitesDone) return;
          lastSitesDone = progress.sitesDone;
          for (const percent of MILESTONES) {
            if (!milestones.has(percent) && progress.sitesDone * 100 >= percent * progress.sitesTotal) {
              milestones.set(percent, progress.elapsedMs);
              rss.mark(`${percent}%`);
            }
          }
          onSiteDone(progress.sitesDone, progress.sitesTotal, progress.pages, progress.elapsedMs);
        },
      },
    );
    rss.stop();
    rss.mark('after');
    return { report, rss, milestones, extract: timed.span };
  } finally {
    rss.stop();
    await runtime.close();
  }
}
