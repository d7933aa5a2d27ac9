import type { Executor } from '../db/transaction.ts';
import { findEdition } from '../editions/editions.service.ts';
import { queueCrawlCampaign } from '../jobs/crawl-campaign.ts';
import type { JobQueue } from '../jobs/job.types.ts';
import { type AuditRun, latestRun } from './audits.repository.ts';
import { type BackOfficeCrawls, WEB_CRAWL_LIMITS } from './background-crawls.ts';
import { acceptCrawlRequest } from './crawl-request.ts';

/**
 * Back-office crawls on a PostgreSQL installation: the campaign goes to the job queue, one job
 * per site, and `barometre worker` processes crawl it wherever they run, as `crawl --all --queue`
 * does. The web server crawls nothing itself (it serves pages), so stopping it interrupts no
 * crawl. Whether a crawl runs is read from the database, the same for every web process.
 */
export function createQueuedCrawls(deps: {
  db: Executor;
  now: () => Date;
  queue: Pick<JobQueue, 'enqueueMany'>;
  /** Crawls of the simulated farm (tests); the real web otherwise. */
  simulated?: boolean;
}): BackOfficeCrawls {
  const { db } = deps;
  return {
    // Asked again while its campaign runs, it queues only the sites whose jobs are gone (a job
    // failed for good, a queue purged): the workers skip finished sites, and a site still waiting
    // is not queued twice. That is how a stalled campaign is restarted.
    async start(request) {
      const { targets, sites } = await acceptCrawlRequest(db, request, deps.now());
      await queueCrawlCampaign(
        db,
        deps.queue,
        {
          editionYear: request.year,
          targets,
          limits: { maxPages: WEB_CRAWL_LIMITS.maxPages, maxDepth: WEB_CRAWL_LIMITS.maxDepth },
          simulated: deps.simulated ?? false,
        },
        deps.now(),
      );
      return { sites };
    },
    async state(year) {
      const edition = await findEdition(db, year);
      const latest = edition ? await latestRun(db, edition.id) : undefined;
      if (!latest) return { running: false, failure: undefined };
      return { running: latest.status === 'running', failure: await lastSiteFailure(db, latest) };
    },
    // The workers crawl, not this process: nothing of this process's to stop.
    async stopAll() {},
  };
}

/**
 * The latest site of the run whose job failed for good on a worker (its last attempt, written by
 * the dead-letter queue), said for the progress page. Such a site stays unfinished, and so does
 * its run, until the campaign is started again. Sites the crawler could not reach are outcomes,
 * not failures: the progress page lists them.
 */
async function lastSiteFailure(db: Executor, run: AuditRun): Promise<string | undefined> {
  // Read on every refresh of the progress page: only the failures since the run started.
  const rows = await db
    .selectFrom('job_failures')
    .select(['payload', 'attempts', 'error'])
    .where('kind', '=', 'crawl-site')
    .where('failed_at', '>=', run.started_at)
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  const failures = rows.flatMap((row) => {
    const payload = JSON.parse(row.payload) as { runId?: number; siteId?: number };
    return payload.runId === run.id && payload.siteId !== undefined
      ? [{ ...row, siteId: payload.siteId }]
      : [];
  });
  if (failures.length === 0) return undefined;
  // One query for the sites, not one per failure: this runs on every refresh of the page.
  const found = await db
    .selectFrom('audit_sites')
    .select(['id', 'start_url', 'status'])
    .where(
      'id',
      'in',
      failures.map((f) => f.siteId),
    )
    .execute();
  const sites = new Map(found.map((site) => [site.id, site]));
  for (const failure of failures) {
    const site = sites.get(failure.siteId);
    // A site audited since (the campaign was started again) no longer fails.
    if (!site || site.status === 'done' || site.status === 'failed') continue;
    return `l’audit du site ${site.start_url} a échoué après ${failure.attempts} essai(s) (${failure.error})`;
  }
  return undefined;
}
