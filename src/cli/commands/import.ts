import type { Command } from 'commander';
import type { AuthorityKind } from '../../db/schema.ts';
import { importFinances } from '../../territories/finances-import.ts';
import { importTerritories, type TerritoriesImportReport } from '../../territories/territories.service.ts';
import { importWebsites } from '../../territories/websites-import.ts';
import type { CliContext } from '../context.ts';
import { formatInteger, formatSeconds, table } from '../format.ts';
import { parseAuthorityKind } from '../parse-options.ts';

const STEP_LABELS = {
  read: 'Lecture du COG',
  write: 'Enregistrement',
  links: 'Rattachements',
  websites: 'Sites internet',
} as const;

/** Imports the territories with a progress bar and prints what changed. Shared with `demo`. */
export async function runTerritoriesImport(ctx: CliContext): Promise<TerritoriesImportReport> {
  const { db } = await ctx.database();
  const started = performance.now();
  const progress = ctx.progress();
  try {
    const report = await importTerritories(db, {
      now: ctx.now(),
      onProgress: (step, done, total) => progress.update(STEP_LABELS[step], done, total),
    });
    progress.stop();
    ctx.out.line(
      `Territoires importés en ${formatSeconds(performance.now() - started)} (${'@etalab/decoupage-administratif'} ${report.cogVersion}) :`,
    );
    for (const line of table([
      ['régions', formatInteger(report.counts.region)],
      ['départements', formatInteger(report.counts.departement)],
      ['collectivités uniques ou à statut particulier', formatInteger(report.counts.collectivite_unique)],
      ['EPCI à fiscalité propre', formatInteger(report.counts.epci)],
      ['communes', formatInteger(report.counts.commune)],
    ])) {
      ctx.out.line(line);
    }
    ctx.out.line(
      `Changements : ${formatInteger(report.inserted)} ajout(s), ${formatInteger(report.updated)} mise(s) à jour, ` +
        `${formatInteger(report.unchanged)} inchangé(s) ; sites internet : ${report.websitesAdded} ajouté(s), ` +
        `${report.websitesReplaced} remplacé(s).`,
    );
    return report;
  } finally {
    progress.stop();
  }
}

export function registerImportCommands(program: Command, ctx: CliContext): void {
  const importCommand = program
    .command('import')
    .description('Imports de données (territoires, finances, sites)');

  importCommand
    .command('territories')
    .description(
      'Importe régions, départements, EPCI et communes avec leur population (COG INSEE) et les sites des départements. Idempotent.',
    )
    .action(async () => {
      await runTerritoriesImport(ctx);
    });

  importCommand
    .command('finances')
    .description(
      'Importe les recettes réelles de fonctionnement par collectivité et par année (CSV OFGL/DGFiP ou CSV simple). Tout ou rien.',
    )
    .argument('<fichier>', 'fichier CSV (séparateur ; ou , — UTF-8 ou Latin-1)')
    .option(
      '--kind <type>',
      'type des collectivités quand le fichier ne le dit pas (region, departement…)',
      parseAuthorityKind,
    )
    .action(async (file: string, options: { kind?: AuthorityKind }) => {
      const { db } = await ctx.database();
      const report = await importFinances(db, file, {
        now: ctx.now(),
        ...(options.kind ? { kind: options.kind } : {}),
      });
      ctx.out.line(
        `${report.file} : ${formatInteger(report.rows)} ligne(s) retenue(s) ; ${formatInteger(report.imported)} ajoutée(s), ` +
          `${formatInteger(report.replaced)} remplacée(s), ${formatInteger(report.unchanged)} inchangée(s).`,
      );
    });

  importCommand
    .command('websites')
    .description(
      'Importe les sites internet des collectivités (code → URL). L’ancien site est gardé en historique. Tout ou rien.',
    )
    .argument('<fichier>', 'fichier CSV avec les colonnes code et url')
    .option('--kind <type>', 'type des collectivités quand le fichier ne le dit pas', parseAuthorityKind)
    .action(async (file: string, options: { kind?: AuthorityKind }) => {
      const { db } = await ctx.database();
      const report = await importWebsites(db, file, {
        now: ctx.now(),
        ...(options.kind ? { kind: options.kind } : {}),
      });
      ctx.out.line(
        `${file} : ${formatInteger(report.rows)} ligne(s) ; ${formatInteger(report.added)} site(s) ajouté(s), ` +
          `${formatInteger(report.replaced)} remplacé(s), ${formatInteger(report.unchanged)} inchangé(s).`,
      );
    });
}
