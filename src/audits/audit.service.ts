import type { CrawlLimits, FetchStatus } from '../crawl/crawl.types.ts';
import { crawlSites } from '../crawl/crawl-sites.ts';
import type { HttpClient } from '../crawl/http-client.ts';
import type { HostScheduler } from '../crawl/politeness.ts';
import type { IsPlatformUrl } from '../crawl/scope.ts';
import type { PageExtractor, PageRendering } from '../crawl/site-crawler.ts';
import type { Executor } from '../db/transaction.ts';
import { createDetectionPool } from '../detection/detection-pool.ts';
import { findEdition } from '../editions/editions.service.ts';
import type { PortalPage } from '../portal/portal.types.ts';
import { createPortalAccumulator, type PortalAccumulator } from '../portal/portal-checks.ts';
import { loadStoredReferential } from '../referential/referential.repository.ts';
import type { CompetenceKind } from '../referential/referential.schema.ts';
import { errorMessage, UserError } from '../shared/errors.ts';
import type { AuditTarget } from '../territories/audit-targets.ts';
import {
  createRun,
  ensureSites,
  findRun,
  findUnfinishedRun,
  finishRun,
  markSite,
  pagesForResume,
  portalFactsOfSite,
} from './audits.repository.ts';
import { createPageSink } from './page-sink.ts';
import { concludeSite } from './site-conclusion.ts';

export interface AuditDependencies {
  db: Executor;
  client: HttpClient;
  scheduler: HostScheduler;
  extract: PageExtractor;
  isPlatformUrl: IsPlatformUrl;
  render?: PageRendering;
  now: () => Date;
}

export interface AuditOptions {
  editionYear: number;
  targets: AuditTarget[];
  limits: CrawlLimits;
  siteConcurrency: number;
  /** Requests in flight per site (the host scheduler still caps each host). */
  perSiteConcurrency: number;
  /** Recorded with the run: the sites are the simulated fixture farm, not the real web. */
  simulated: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: AuditProgress) => void;
  /** Threads detecting pages; 0 detects on the crawler's thread. Default: the other cores, at most 4. */
  detectionWorkers?: number;
  /**
   * Audit within this run (a queued campaign's, src/audits/campaign.service.ts) and leave it open:
   * the campaign closes it when its last site is done.
   */
  runId?: number;
}

export interface AuditProgress {
  sitesTotal: number;
  sitesDone: number;
  pages: number;
  byStatus: Partial<Record<FetchStatus, number>>;
  elapsedMs: number;
}

export interface AuditReport extends AuditProgress {
  runId: number;
  resumed: boolean;
  /** Sites already audited by the run before this invocation (resume). */
  sitesSkipped: number;
  failedSites: number;
  interrupted: boolean;
  proposals: number;
  /** Sites that failed and pages that could not be handled, with the reason. */
  errors: string[];
}

interface SiteJob {
  siteId: number;
  /** The authorities whose website this is: one, or several sharing it. */
  targets: AuditTarget[];
  /** Every competence of those authorities: the services detection looks for. */
  competences: CompetenceKind[];
  startUrl: string;
  resumeFrom?: { url: string; finalUrl: string; depth: number; enqueued: string[] }[];
  /** The site's portal checks, fed page by page from the start of its crawl. */
  portal?: PortalAccumulator;
}

function portalOf(job: SiteJob): PortalAccumulator {
  if (job.portal === undefined) throw new Error(`portal checks of ${job.startUrl} not started`);
  return job.portal;
}

/**
 * Portal checks are fed as pages are stored, rather than from the stored facts once the site is
 * over (a burst that held the event loop while requests waited). A resumed site starts from the
 * facts of the pages stored before the interruption.
 */
async function startPortalChecks(db: Executor, job: SiteJob): Promise<PortalAccumulator> {
  const portal = createPortalAccumulator(job.startUrl);
  if (job.resumeFrom !== undefined) {
    for (const facts of await portalFactsOfSite(db, job.siteId)) portal.add(facts as PortalPage);
  }
  return portal;
}

/** The edition a crawl may write to, with something to audit; a French error otherwise. */
export async function auditableEdition(db: Executor, year: number, targets: readonly AuditTarget[]) {
  const edition = await findEdition(db, year);
  if (!edition) {
    throw new UserError(
      'not_found',
      `L’édition ${year} n’existe pas : barometre edition create --year ${year}`,
    );
  }
  if (edition.status === 'published') {
    throw new UserError(
      'conflict',
      `L’édition ${year} est publiée : ses évaluations sont figées. Auditez pour l’édition suivante.`,
    );
  }
  if (targets.length === 0) {
    throw new UserError(
      'not_found',
      'Aucune collectivité à auditer : aucune n’a de site internet connu dans cette sélection.',
    );
  }
  return edition;
}

/**
 * Audits the targets' websites for an edition: crawl, detection on every page, portal checks and
 * crawler proposals per site. Everything is written as it happens, so an interrupted audit
 * (crash, kill, Ctrl-C) resumes where it stopped: finished sites are skipped, pages already
 * stored are not fetched again, and no finding is written twice.
 */
export async function runAudit(deps: AuditDependencies, options: AuditOptions): Promise<AuditReport> {
  const { db, now } = deps;
  const edition = await auditableEdition(db, options.editionYear, options.targets);
  const stored = await loadStoredReferential(db, edition.referential_version);

  const unfinished =
    options.runId === undefined ? await findUnfinishedRun(db, edition.id) : await findRun(db, options.runId);
  const run =
    unfinished ??
    (await createRun(
      db,
      edition.id,
      { limits: options.limits, siteConcurrency: options.siteConcurrency, simulated: options.simulated },
      now(),
    ));
  const sites = await ensureSites(
    db,
    run.id,
    options.targets.map((t) => ({ authorityId: t.authorityId, startUrl: t.websiteUrl })),
  );
  const targetById = new Map(options.targets.map((t) => [t.authorityId, t]));
  const jobs: SiteJob[] = [];
  let sitesSkipped = 0;
  for (const site of sites) {
    const targets = site.authorityIds.flatMap((id) => targetById.get(id) ?? []);
    if (targets.length === 0) continue;
    if (site.status === 'done' || site.status === 'failed') {
      sitesSkipped++;
      continue;
    }
    const resumeFrom = await pagesForResume(db, site.id);
    jobs.push({
      siteId: site.id,
      targets,
      competences: [...new Set(targets.flatMap((t) => t.competences))],
      startUrl: site.start_url,
      ...(resumeFrom.length > 0 ? { resumeFrom } : {}),
    });
  }

  const started = performance.now();
  const progress: AuditProgress = {
    sitesTotal: jobs.length + sitesSkipped,
    sitesDone: sitesSkipped,
    pages: 0,
    byStatus: {},
    elapsedMs: 0,
  };
  const report = () => options.onProgress?.({ ...progress, elapsedMs: performance.now() - started });
  let proposals = 0;
  let failedSites = 0;
  const errors: string[] = [];

  const detection = createDetectionPool(stored.referential, options.detectionWorkers);
  const sink = createPageSink({
    db,
    detection,
    serviceIds: stored.serviceIds,
    now,
    onStored: (page) => {
      progress.pages++;
      progress.byStatus[page.status] = (progress.byStatus[page.status] ?? 0) + 1;
      report();
    },
    // A page that could not be stored is not lost for good: it is not in audit_pages, so a later
    // run of the same audit fetches it again. Say so rather than hide it.
    onFailure: (page, error) => errors.push(`${page.url} (on_page) : ${errorMessage(error)}`),
  });
  const sinkSite = (job: SiteJob) => ({
    siteId: job.siteId,
    competences: job.competences,
    portal: portalOf(job),
  });
  const summary = await crawlSites(
    (async function* () {
      for (const job of jobs) {
        await markSite(db, job.siteId, { status: 'running' }, now());
        job.portal = await startPortalChecks(db, job);
        yield job;
      }
    })(),
    {
      siteConcurrency: options.siteConcurrency,
      concurrency: options.perSiteConcurrency,
      limits: options.limits,
      scheduler: deps.scheduler,
      client: deps.client,
      extract: deps.extract,
      isPlatformUrl: deps.isPlatformUrl,
      ...(deps.render ? { render: deps.render } : {}),
      now,
      ...(options.signal ? { signal: options.signal } : {}),
      onPage: (page, job) => sink.handle(page, sinkSite(job)),
      onError: (error, context) => {
        errors.push(`${context.url} (${context.stage}) : ${errorMessage(error)}`);
      },
      onSiteDone: async (job, outcome) => {
        try {
          const failedPages = await sink.settle(sinkSite(job));
          if (!outcome.ok) throw outcome.error;
          outcome.summary.pageHandlerErrors += failedPages;
          if (!outcome.summary.interrupted) {
            // Awaited first, then added: `proposals += await …` would read the counter before
            // the await and lose the sites concluded meanwhile.
            const proposed = await concludeSite(deps, {
              siteId: job.siteId,
              portal: portalOf(job),
              editionId: edition.id,
              targets: job.targets,
              startUrl: job.startUrl,
              stored,
              summary: outcome.summary,
            });
            proposals += proposed;
          }
        } catch (error) {
          failedSites++;
          errors.push(`${job.startUrl} : ${errorMessage(error)}`);
          await markSite(db, job.siteId, { status: 'failed', error: errorMessage(error) }, now());
        }
        progress.sitesDone++;
        report();
      },
    },
  ).finally(() => detection.close());

  if (options.runId === undefined) {
    await finishRun(db, run.id, summary.interrupted ? 'interrupted' : 'completed', now());
  }
  return {
    ...progress,
    elapsedMs: performance.now() - started,
    runId: run.id,
    resumed: unfinished !== undefined,
    sitesSkipped,
    failedSites,
    interrupted: summary.interrupted,
    proposals,
    errors,
  };
}
