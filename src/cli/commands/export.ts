import path from 'node:path';
import { type Command, Option } from 'commander';
import { EXPORT_FORMATS, type ExportFormat, exportEdition } from '../../reports/exports/export.service.ts';
import { DATA_LICENCES, type DataLicence, DEFAULT_DATA_LICENCE } from '../../reports/exports/table-schema.ts';
import type { CliContext } from '../context.ts';
import { formatInteger } from '../format.ts';
import { parseYear } from '../parse-options.ts';

export function registerExportCommand(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description(
      'Exporte les données ouvertes d’une édition (collectivités, évaluations) avec leur schéma (Table Schema)',
    )
    .option('--edition <année>', 'édition (par défaut : l’année en cours)', parseYear)
    .addOption(new Option('--format <format>', 'format des fichiers').choices(EXPORT_FORMATS).default('csv'))
    .option('--out <dossier>', 'dossier de destination (par défaut : <dossier des données>/exports/<année>)')
    .addOption(
      new Option('--licence <licence>', 'licence des données publiées')
        .choices(Object.keys(DATA_LICENCES))
        .default(DEFAULT_DATA_LICENCE),
    )
    .action(
      async (options: { edition?: number; format: ExportFormat; out?: string; licence: DataLicence }) => {
        const { db } = await ctx.database();
        const year = options.edition ?? ctx.now().getUTCFullYear();
        const outDir = path.resolve(options.out ?? path.join(ctx.config.dataDir, 'exports', String(year)));
        const { files, skipped } = await exportEdition(db, {
          year,
          format: options.format,
          outDir,
          now: ctx.now(),
          licence: options.licence,
        });
        ctx.out.line(
          `Données ouvertes de l’édition ${year} (${options.format.toUpperCase()}) dans ${outDir} :`,
        );
        for (const file of files) {
          const rows = file.rows === undefined ? '' : ` — ${formatInteger(file.rows)} ligne(s)`;
          ctx.out.line(`  ${path.basename(file.path)}${rows}`);
        }
        if (skipped.length > 0) {
          ctx.out.line(
            `Non exportées faute d’indicateurs calculés : ${skipped.join(', ')} (barometre indicators compute --edition ${year}).`,
          );
        }
      },
    );
}
