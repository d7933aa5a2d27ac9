import type { Command } from 'commander';
import { listEditions } from '../../editions/editions.service.ts';
import { listStoredReferentials } from '../../referential/referential.repository.ts';
import { summarizeTerritories } from '../../territories/territories.summary.ts';
import type { CliContext } from '../context.ts';
import { formatInteger } from '../format.ts';

const KIND_LABELS = {
  region: 'Régions',
  departement: 'Départements',
  collectivite_unique: 'Collectivités uniques',
  epci: 'EPCI',
  commune: 'Communes',
} as const;

/** What the database holds, in a few lines. Shared with `demo`. */
export async function printStatus(ctx: CliContext): Promise<void> {
  const database = await ctx.database();
  const { db } = database;
  ctx.out.line(`Base ${database.engine} : ${database.location}`);

  const territories = await summarizeTerritories(db);
  const header = ['', 'collectivités', 'avec site', 'avec finances'];
  const rows = Object.entries(KIND_LABELS).map(([kind, label]) => {
    const row = territories.find((t) => t.kind === kind);
    return [
      label,
      ...[row?.authorities, row?.withWebsite, row?.withFinances].map((n) => formatInteger(n ?? 0)),
    ];
  });
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => (r[i] ?? '').length)));
  for (const row of [header, ...rows]) {
    ctx.out.line(
      `  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')}`,
    );
  }

  const referentials = await listStoredReferentials(db);
  if (referentials.length === 0) ctx.out.line('Référentiel : aucun chargé (barometre referential load).');
  for (const r of referentials) {
    ctx.out.line(
      `Référentiel ${r.version} : ${r.themes} thématiques, ${r.services} services (chargé le ${r.loadedAt.slice(0, 10)})`,
    );
  }
  const editions = await listEditions(db);
  ctx.out.line(
    editions.length === 0
      ? 'Éditions : aucune.'
      : `Éditions : ${editions.map((e) => `${e.year} (${e.status === 'published' ? 'publiée' : 'brouillon'})`).join(', ')}`,
  );
}

export function registerStatusCommand(program: Command, ctx: CliContext): void {
  program
    .command('status')
    .description('Résume le contenu de la base : collectivités, sites, finances, référentiels, éditions')
    .action(() => printStatus(ctx));
}
