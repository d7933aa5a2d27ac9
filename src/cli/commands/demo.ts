import path from 'node:path';
import type { Command } from 'commander';
import { createEdition, findEdition } from '../../editions/editions.service.ts';
import {
  defaultReferentialRoot,
  latestReferentialVersion,
  loadReferential,
} from '../../referential/referential.loader.ts';
import { storeReferential } from '../../referential/referential.repository.ts';
import type { CliContext } from '../context.ts';
import { formatSeconds } from '../format.ts';
import { runTerritoriesImport } from './import.ts';
import { describeReferential } from './referential.ts';
import { printStatus } from './status.ts';

/**
 * The main job on the embedded default, from an empty data directory or an existing one
 * (every step is idempotent): territories, referential, this year's edition, then a summary.
 */
export async function runDemo(ctx: CliContext): Promise<void> {
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

  ctx.out.line('Résumé');
  await printStatus(ctx);
  ctx.out.line();
  ctx.out.line(`Démonstration terminée en ${formatSeconds(performance.now() - started)}.`);
  ctx.out.line(
    'Suite : barometre --help ; la collecte des sites et le site public arrivent avec les prochaines étapes.',
  );
}

export function registerDemoCommand(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('Démonstration de bout en bout sur la base SQLite embarquée (idempotente)')
    .action(() => runDemo(ctx));
}
