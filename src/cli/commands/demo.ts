import path from 'node:path';
import type { Command } from 'commander';
import { latestRun } from '../../audits/audits.repository.ts';
import { createEdition, findEdition } from '../../editions/editions.service.ts';
import {
  defaultReferentialRoot,
  latestReferentialVersion,
  loadReferential,
} from '../../referential/referential.loader.ts';
import { storeReferential } from '../../referential/referential.repository.ts';
import { listAuditTargets } from '../../territories/audit-targets.ts';
import type { CliContext } from '../context.ts';
import { formatSeconds } from '../format.ts';
import { runCrawl } from './crawl.ts';
import { runTerritoriesImport } from './import.ts';
import { printFindings, runIndicatorsCompute } from './indicators.ts';
import { describeReferential } from './referential.ts';
import { serveUntilStopped } from './serve.ts';
import { printStatus } from './status.ts';

/**
 * The main job on the embedded default, from an empty data directory or an existing one
 * (every step is idempotent): territories, referential, this year's edition, the audit of the
 * départements' websites — simulated by the local farm, since these machines reach no real
 * website — the indicators, a summary, and in a terminal the public site until Ctrl-C.
 */
export async function runDemo(ctx: CliContext, options: { serve: boolean }): Promise<void> {
  const started = performance.now();
  const database = await ctx.database();
  ctx.out.line(`Baromètre — démonstration sur ${database.engine} (${database.location})`);
  ctx.out.line();

  ctx.out.line('1. Territoires');
  await runTerritoriesImport(ctx);
  ctx.out.line();

  ctx.out.line('2. Référentiel des services');
  const root = defaultReferentialRoot();
  const version = await latestReferentialVersion(root);
  const referential = await loadReferential(path.join(root, version));
  const stored = await storeReferential(database.db, referential, ctx.now());
  for (const line of describeReferential(referential)) ctx.out.line(line);
  ctx.out.line(stored === 'unchanged' ? 'Déjà chargé.' : 'Chargé.');
  ctx.out.line();

  ctx.out.line('3. Édition');
  const year = ctx.now().getUTCFullYear();
  const existing = await findEdition(database.db, year);
  if (existing) ctx.out.line(`Édition ${year} déjà créée (référentiel ${existing.referential_version}).`);
  else {
    await createEdition(database.db, { year, referentialVersion: version }, ctx.now());
    ctx.out.line(`Édition ${year} créée (brouillon, référentiel ${version}).`);
  }
  ctx.out.line();

  ctx.out.line('4. Audit des sites des 101 départements — SITES SIMULÉS (ferme locale, données fictives)');
  const edition = await findEdition(database.db, year);
  const previous = edition && (await latestRun(database.db, edition.id));
  if (previous?.status === 'completed') {
    ctx.out.line(
      `Audit déjà fait (terminé le ${previous.finished_at?.slice(0, 10)}) : barometre crawl le refait.`,
    );
  } else {
    await runCrawl(ctx, {
      targets: await listAuditTargets(database.db, { kind: 'departement' }),
      year,
      simulated: true,
      maxPages: DEMO_MAX_PAGES,
      maxDepth: 4,
      concurrency: DEMO_SITE_CONCURRENCY,
      delayMs: 0,
    });
  }
  ctx.out.line();

  ctx.out.line('5. Indicateurs (calculés sur les sites simulés)');
  await runIndicatorsCompute(ctx, { year });
  ctx.out.line();
  await printFindings(ctx, { year, kind: 'departement' });
  ctx.out.line();

  ctx.out.line('Résumé');
  await printStatus(ctx);
  ctx.out.line();
  ctx.out.line(`Démonstration terminée en ${formatSeconds(performance.now() - started)}.`);
  ctx.out.line('Pour voir l’audit d’un département : barometre audit show 01 --kind departement');
  ctx.out.line(`Ses indicateurs : barometre indicators show 01 --kind departement --edition ${year}`);
  if (options.serve) {
    ctx.out.line();
    ctx.out.line('6. Site public (données simulées signalées sur chaque page)');
    await serveUntilStopped(ctx, database);
  } else {
    ctx.out.line('Le site public : barometre serve (ou npm run serve), puis http://localhost:3000');
  }
}

/** The simulated sites are ours: no politeness delay, and a page budget that keeps the demo short. */
const DEMO_MAX_PAGES = 120;
const DEMO_SITE_CONCURRENCY = 12;

export function registerDemoCommand(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description(
      'Démonstration de bout en bout sur la base SQLite embarquée (idempotente), puis le site public',
    )
    .option('--serve', 'sert le site à la fin (par défaut dans un terminal)')
    .option('--no-serve', 's’arrête à la fin sans servir le site (par défaut hors terminal : CI, scripts)')
    .action((options: { serve?: boolean }) => runDemo(ctx, { serve: options.serve ?? ctx.interactive }));
}
