import type { Command } from 'commander';
import { copyToPostgres } from '../../db/copy.ts';
import type { CliContext } from '../context.ts';
import { formatInteger, formatSeconds } from '../format.ts';

export function registerDbCommands(program: Command, ctx: CliContext): void {
  const db = program.command('db').description('Base de données (SQLite embarqué ou PostgreSQL)');
  db.command('migrate')
    .description('Applique les migrations en attente (aussi fait automatiquement par chaque commande)')
    .action(async () => {
      const database = await ctx.database();
      const report = ctx.migrationReport();
      const applied = report?.applied ?? [];
      ctx.out.line(`Base ${database.engine} : ${database.location}`);
      for (const name of applied) ctx.out.line(`  migration appliquée : ${name}`);
      ctx.out.line(
        applied.length > 0
          ? `${applied.length} migration(s) appliquée(s) ; schéma à jour (${report?.total} au total).`
          : `Schéma déjà à jour (${report?.total} migration(s)).`,
      );
    });
  db.command('copy')
    .description(
      'Copie l’installation SQLite embarquée vers une base PostgreSQL vide (toutes les tables, séquences comprises)',
    )
    .requiredOption('--to <url>', 'base PostgreSQL cible, vide : postgres://utilisateur@hôte:port/base')
    .action(async (options: { to: string }) => {
      const source = await ctx.database();
      ctx.out.line(`Copie de ${source.location} vers PostgreSQL…`);
      const report = await copyToPostgres(source, options.to);
      for (const { table, rows } of report.tables)
        ctx.out.line(`  ${table} : ${formatInteger(rows)} ligne(s)`);
      const total = report.tables.reduce((sum, t) => sum + t.rows, 0);
      ctx.out.line(
        `${formatInteger(total)} ligne(s) copiée(s) dans ${report.tables.length} tables en ${formatSeconds(report.durationMs)} vers ${report.target}.`,
      );
      ctx.out.line(
        'Pour utiliser la nouvelle base : DATABASE_URL=<l’URL de --to> (voir docs/operations.md).',
      );
    });
}
