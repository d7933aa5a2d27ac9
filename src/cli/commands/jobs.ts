import type { Command } from 'commander';
import type { JobsStatus } from '../../jobs/job.types.ts';
import { countJobFailures } from '../../jobs/job-failures.repository.ts';
import { pgBossStatus } from '../../jobs/pg-boss-queue.ts';
import { JOB_DEFINITIONS } from '../../jobs/registry.ts';
import type { CliContext } from '../context.ts';
import { formatDecimal, formatInteger, grid } from '../format.ts';
import { parsePositiveInteger } from '../parse-options.ts';

/** `jobs status`: the queue by kind (queued, running, done, failed) and its recent throughput. */
export function registerJobsCommands(program: Command, ctx: CliContext): void {
  const jobs = program.command('jobs').description('File des travaux (audits, indicateurs, courriels)');
  jobs
    .command('status')
    .description('Travaux en file, en cours, terminés et en échec par type, et débit récent')
    .option('--window <minutes>', 'période du débit, en minutes', parsePositiveInteger, 10)
    .action(async (options: { window: number }) => {
      const database = await ctx.database();
      const failures = await countJobFailures(database.db);
      if (database.engine !== 'postgres' || !ctx.config.databaseUrl) {
        ctx.out.line(
          'File en processus (SQLite) : les travaux vivent dans la commande qui les exécute ' +
            '(« barometre crawl --queue ») ; rien n’attend entre deux commandes.',
        );
        printFailures(ctx, failures);
        return;
      }
      const status = await pgBossStatus(ctx.config.databaseUrl, options.window);
      printStatus(ctx, status);
      printFailures(ctx, failures);
    });
}

function printStatus(ctx: CliContext, status: JobsStatus): void {
  ctx.out.line(`File pg-boss (PostgreSQL) ; débit sur les ${status.windowMinutes} dernières minutes.`);
  const rows = [['type', 'en file', 'en cours', 'terminés', 'en échec', 'par minute']];
  for (const [kind, definition] of JOB_DEFINITIONS) {
    const counts = status.kinds.find((k) => k.kind === kind);
    rows.push([
      `${definition.label} (${kind})`,
      ...[counts?.queued, counts?.running, counts?.done, counts?.failed].map((n) => formatInteger(n ?? 0)),
      formatDecimal((counts?.doneRecently ?? 0) / status.windowMinutes),
    ]);
  }
  for (const line of grid(rows)) ctx.out.line(line);
}

function printFailures(ctx: CliContext, failures: Map<string, number>): void {
  const total = [...failures.values()].reduce((a, b) => a + b, 0);
  if (total === 0) {
    ctx.out.line('Aucun travail en échec définitif.');
    return;
  }
  const detail = [...failures].map(([kind, n]) => `${kind} ${formatInteger(n)}`).join(', ');
  ctx.out.line(
    `Travaux en échec après leur dernier essai (table job_failures) : ${formatInteger(total)} (${detail}).`,
  );
}
