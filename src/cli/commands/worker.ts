import type { Command } from 'commander';
import { JOB_KINDS } from '../../jobs/job.types.ts';
import { UserError } from '../../shared/errors.ts';
import type { CliContext } from '../context.ts';
import { parsePositiveInteger } from '../parse-options.ts';

interface WorkerOptions {
  concurrency: number;
  delay?: number;
  untilIdle?: boolean;
}

/**
 * `barometre worker`: takes jobs from PostgreSQL until stopped. Any number of workers on any
 * number of machines share the queue. SIGTERM or Ctrl-C: no new job is taken and the running ones
 * finish; a second signal stops them at once (what they stored is kept, and each job goes back to
 * the queue for any worker). A worker killed outright loses its jobs' heartbeat: pg-boss hands
 * them to another worker, which resumes each site from its stored pages.
 */
export function registerWorkerCommand(program: Command, ctx: CliContext): void {
  program
    .command('worker')
    .description(
      'Travailleur : exécute les travaux en file dans PostgreSQL (audits de sites, indicateurs, courriels)',
    )
    .option('--concurrency <n>', 'sites audités en même temps par ce travailleur', parsePositiveInteger, 4)
    .option(
      '--delay <ms>',
      'délai entre deux requêtes vers un même hôte (remplace BAROMETRE_CRAWL_DELAY_MS)',
      parsePositiveInteger,
    )
    .option('--until-idle', 's’arrête quand la file est vide (campagne terminée) au lieu d’attendre')
    .action(async (options: WorkerOptions) => {
      const database = await ctx.database();
      if (database.engine !== 'postgres' || !ctx.config.databaseUrl) {
        throw new UserError(
          'config_invalid',
          'Le travailleur prend ses travaux dans PostgreSQL : définissez DATABASE_URL=postgres://… ' +
            '(avec SQLite, « barometre crawl --queue » exécute la file dans la commande elle-même).',
        );
      }
      const jobs = await ctx.openJobs({
        concurrency: options.concurrency,
        detectionWorkers: 0,
        ...(options.delay !== undefined ? { crawler: { politeness: { delayMs: options.delay } } } : {}),
      });
      let signals = 0;
      let onStop = () => {};
      const stopped = new Promise<void>((resolve) => {
        onStop = () => {
          signals++;
          if (signals === 1) {
            ctx.out.line('Arrêt demandé : fin des travaux en cours (un second signal les interrompt).');
            resolve();
          } else {
            ctx.out.line('Arrêt immédiat : les travaux en cours retournent dans la file.');
            void jobs.queue.stop({ graceful: false });
          }
        };
      });
      process.on('SIGINT', onStop);
      process.on('SIGTERM', onStop);
      try {
        await jobs.queue.work(JOB_KINDS, { concurrency: options.concurrency });
        ctx.out.line(
          `Travailleur prêt (pid ${process.pid}, ${options.concurrency} site(s) à la fois) : en attente de travaux.`,
        );
        await Promise.race(options.untilIdle ? [stopped, jobs.queue.drained()] : [stopped]);
        await jobs.queue.stop({ graceful: signals < 2 });
        ctx.out.line('Travailleur arrêté.');
      } finally {
        process.off('SIGINT', onStop);
        process.off('SIGTERM', onStop);
        await jobs.close();
      }
    });
}
