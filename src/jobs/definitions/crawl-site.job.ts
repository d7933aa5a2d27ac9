import { z } from 'zod';
import { runAudit } from '../../audits/audit.service.ts';
import { closeRunIfDone, siteWithTargets } from '../../audits/campaign.service.ts';
import type { JobDefinition } from '../job.types.ts';
import { JobReleased } from '../job-runner.ts';

const payload = z.object({
  runId: z.number().int().positive(),
  siteId: z.number().int().positive(),
  editionYear: z.number().int(),
  simulated: z.boolean(),
  maxPages: z.number().int().positive(),
  maxDepth: z.number().int().positive(),
});
export type CrawlSitePayload = z.infer<typeof payload>;

/** Pages in flight per site; the host scheduler and the host lock cap each host. */
const PER_SITE_CONCURRENCY = 4;

/**
 * Crawls one website of a queued campaign: the whole audit pipeline (crawl, detection, portal
 * checks, proposals) for that site, under the host lock. Idempotent: a site already done or
 * failed is left as it is, and a site whose worker died resumes from its stored pages. The last
 * site of the campaign queues the edition's indicators.
 */
export const crawlSiteJob: JobDefinition<CrawlSitePayload> = {
  kind: 'crawl-site',
  label: 'audit d’un site',
  payload,
  // Network failures of a site are outcomes stored with it; a retry is for the worker's own
  // failures (database unreachable), which usually pass within minutes.
  retry: { retries: 3, delaySeconds: 60, backoff: true },
  // The site timeout (15 min) with room for detection and storage.
  leaseSeconds: 30 * 60,
  // A campaign queued again while its sites wait does not queue them twice.
  singletonKey: (p) => `site:${p.siteId}`,
  async run(env, job) {
    const { db, now } = env;
    const found = await siteWithTargets(db, job.payload.siteId);
    if (!found) throw new Error(`site ${job.payload.siteId} inconnu`);
    const finished = (status: string) => status === 'done' || status === 'failed';
    if (!finished(found.site.status)) {
      const unlock = await env.hostLock.acquire(new URL(found.site.start_url).host, job.signal);
      try {
        // Another worker may have finished the site while this one waited for its host.
        const current = await siteWithTargets(db, job.payload.siteId);
        if (current && !finished(current.site.status)) {
          const runtime = await env.crawler({ runId: job.payload.runId, simulated: job.payload.simulated });
          const report = await runAudit(
            { db, ...runtime, now },
            {
              editionYear: job.payload.editionYear,
              targets: current.targets,
              runId: job.payload.runId,
              limits: {
                maxPages: job.payload.maxPages,
                maxDepth: job.payload.maxDepth,
                maxBytes: 5_000_000,
                requestTimeoutMs: 20_000,
                siteTimeoutMs: 15 * 60_000,
              },
              siteConcurrency: 1,
              perSiteConcurrency: PER_SITE_CONCURRENCY,
              simulated: job.payload.simulated,
              signal: job.signal,
              detectionWorkers: env.detectionWorkers,
            },
          );
          if (report.interrupted) throw new JobReleased('crawl-site');
        }
      } finally {
        await unlock();
      }
    }
    if (await closeRunIfDone(db, job.payload.runId, now())) {
      await env.enqueue('edition-indicators', { year: job.payload.editionYear });
    }
  },
};
