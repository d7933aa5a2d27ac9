import path from 'node:path';
import { type Command, Option } from 'commander';
import { defaultReportPath } from '../../reports/report/report-files.ts';
import { generateReport, REPORT_FORMATS, type ReportFormat } from '../../reports/report/report-generate.ts';
import type { CliContext } from '../context.ts';
import { formatInteger } from '../format.ts';
import { parseYear } from '../parse-options.ts';

export function registerReportCommand(program: Command, ctx: CliContext): void {
  program
    .command('report')
    .description(
      'Produit le rapport d’une édition (HTML accessible ou PDF) à partir de ses indicateurs calculés',
    )
    .option('--edition <année>', 'édition (par défaut : l’année en cours)', parseYear)
    .addOption(new Option('--format <format>', 'format du rapport').choices(REPORT_FORMATS).default('html'))
    .option(
      '--out <fichier>',
      'fichier produit (par défaut : <dossier des données>/rapports/barometre-<année>.<format>)',
    )
    .action(async (options: { edition?: number; format: ReportFormat; out?: string }) => {
      const { db } = await ctx.database();
      const year = options.edition ?? ctx.now().getUTCFullYear();
      const out = path.resolve(options.out ?? defaultReportPath(ctx.config.dataDir, year, options.format));
      const report = await generateReport(db, {
        year,
        format: options.format,
        out,
        cacheDir: path.join(ctx.config.dataDir, 'cache'),
        now: ctx.now(),
      });
      ctx.out.line(
        `Rapport de l’édition ${year} (${options.format.toUpperCase()}, ${formatInteger(report.authorities)} collectivités) : ${report.path}`,
      );
      ctx.out.line(
        `  ${formatInteger(Math.round(report.bytes / 1024))} Ko en ${formatInteger(report.durationMs)} ms`,
      );
    });
}
