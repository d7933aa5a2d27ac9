import { type Campaign, type CampaignOptions, openCampaign } from '../audits/campaign.service.ts';
import type { Executor } from '../db/transaction.ts';
import type { CrawlSitePayload } from './definitions/crawl-site.job.ts';
import type { JobQueue } from './job.types.ts';

export interface QueuedCampaign extends Campaign {
  /** Jobs added; fewer than the pending sites when some were still waiting in the queue. */
  queued: number;
}

/**
 * A crawl campaign as jobs: the edition's run (resumed if unfinished) and one `crawl-site` job
 * per site left to audit, for whichever workers take them. Queued again, it adds nothing that
 * is still waiting (singleton key per site) and never re-audits a finished site.
 */
export async function queueCrawlCampaign(
  db: Executor,
  queue: Pick<JobQueue, 'enqueueMany'>,
  options: CampaignOptions,
  now: Date,
): Promise<QueuedCampaign> {
  const campaign = await openCampaign(db, options, now);
  const payloads: CrawlSitePayload[] = campaign.pending.map((site) => ({
    runId: campaign.runId,
    siteId: site.id,
    editionYear: options.editionYear,
    simulated: options.simulated,
    maxPages: options.limits.maxPages,
    maxDepth: options.limits.maxDepth,
  }));
  return { ...campaign, queued: await queue.enqueueMany('crawl-site', payloads) };
}
