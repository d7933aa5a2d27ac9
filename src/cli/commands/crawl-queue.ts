import { queueCrawlCampaign } from '../../jobs/crawl-campaign.ts';
import type { JobQueue } from '../../jobs/job.types.ts';
import type { CliContext } from '../context.ts';
import { EXIT } from '../errors.ts';
import { formatInteger, formatSeconds } from '../format.ts';
import type { CrawlRequest } from './crawl.ts';

/** The browser mode is the workers' own: a queued campaign crawls over HTTP. */
export type QueuedCrawlRequest = Omit<CrawlRequest, 'renderMode'>;

/**
 * `crawl --queue`: the campaign becomes one job per site. On a PostgreSQL server the jobs wait
 * for `barometre worker` processes on any machine; on SQLite this command works the queue itself,
 * with the same jobs, until it is empty.
 */
export async function runQueuedCrawl(ctx: CliContext, request: QueuedCrawlRequest): Promise<void> {
  const { db } = await ctx.database();
  const started = performance.now();
  const jobs = await ctx.openJobs({
    concurrency: request.concurrency,
    detectionWorkers: 0,
    ...(request.delayMs !== undefined ? { crawler: { politeness: { delayMs: request.delayMs } } } : {}),
  });
  try {
    const campaign = await queueCrawlCampaign(
      db,
      jobs.queue,
      {
        editionYear: request.year,
        targets: request.targets,
        limits: { maxPages: request.maxPages, maxDepth: request.maxDepth },
        simulated: request.simulated,
      },
      ctx.now(),
    );
    ctx.out.line(
      `Campagne de l’édition ${request.year}${campaign.resumed ? ' (reprise)' : ''} : ` +
        `${formatInteger(campaign.queued)} site(s) mis en file, ${formatInteger(campaign.done)} déjà audité(s)` +
        `${request.simulated ? ' — sites SIMULÉS (ferme locale)' : ''}.`,
    );
    if (campaign.pending.length > 0 && campaign.queued === 0 && jobs.queue.name === 'pg-boss') {
      ctx.out.line('Ces sites étaient déjà en file : rien d’ajouté.');
    }
    if (jobs.queue.name === 'pg-boss') {
      ctx.out.line(
        'Lancez « barometre worker » sur une ou plusieurs machines ; suivez avec « barometre jobs status ».',
      );
      return;
    }
    await workInProcess(ctx, jobs.queue, request.concurrency, started);
  } finally {
    await jobs.close();
  }
}

/** SQLite: this process is the worker, until the queue is empty or Ctrl-C. */
async function workInProcess(
  ctx: CliContext,
  queue: JobQueue,
  concurrency: number,
  started: number,
): Promise<void> {
  let interrupted = false;
  let onSignal = () => {};
  const signalled = new Promise<void>((resolve) => {
    onSignal = () => {
      interrupted = true;
      resolve();
    };
  });
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await queue.work(['crawl-site', 'edition-indicators'], { concurrency });
    await Promise.race([queue.drained(), signalled]);
    // Interrupted: the sites in progress stop, keep what they stored, and resume next time.
    await queue.stop({ graceful: !interrupted });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const status = await queue.status(60);
  for (const kind of status.kinds) {
    ctx.out.line(
      `  ${kind.kind} : ${formatInteger(kind.done)} terminé(s), ${formatInteger(kind.failed)} en échec`,
    );
  }
  ctx.out.line(`Durée : ${formatSeconds(performance.now() - started)}.`);
  if (interrupted) {
    ctx.out.line('Campagne interrompue : relancez la même commande pour la reprendre.');
    ctx.setExitCode(EXIT.interrupted);
  }
}
