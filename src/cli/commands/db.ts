import type { Command } from 'commander';
import type { CliContext } from '../context.ts';

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
}
