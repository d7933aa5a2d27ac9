import type { Command } from 'commander';
import { createEdition, listEditions } from '../../editions/editions.service.ts';
import { defaultReferentialRoot, latestReferentialVersion } from '../../referential/referential.loader.ts';
import type { CliContext } from '../context.ts';
import { parseYear } from '../parse-options.ts';

export function registerEditionCommands(program: Command, ctx: CliContext): void {
  const edition = program.command('edition').description('Éditions annuelles du baromètre');

  edition
    .command('create')
    .description('Crée une édition (brouillon) sur une version du référentiel déjà chargée')
    .requiredOption('--year <année>', 'année de l’édition', parseYear)
    .option('--referential <version>', 'version du référentiel (par défaut : la plus récente)')
    .option('--title <titre>', 'titre de l’édition')
    .action(async (options: { year: number; referential?: string; title?: string }) => {
      const { db } = await ctx.database();
      const referentialVersion =
        options.referential ?? (await latestReferentialVersion(defaultReferentialRoot()));
      const created = await createEdition(
        db,
        { year: options.year, referentialVersion, ...(options.title ? { title: options.title } : {}) },
        ctx.now(),
      );
      ctx.out.line(`Édition ${created.year} créée (brouillon, référentiel ${created.referential_version}).`);
    });

  edition
    .command('list')
    .description('Liste les éditions')
    .action(async () => {
      const { db } = await ctx.database();
      const editions = await listEditions(db);
      if (editions.length === 0)
        ctx.out.line('Aucune édition. Créez-en une : barometre edition create --year 2026');
      for (const e of editions) {
        const status = e.status === 'published' ? `publiée le ${e.published_at?.slice(0, 10)}` : 'brouillon';
        ctx.out.line(`${e.year}  ${e.title}  (${status}, référentiel ${e.referential_version})`);
      }
    });
}
