import type { Command } from 'commander';
import type { AuthorityKind, PreviousComparability } from '../../db/schema.ts';
import { KIND_HEADINGS, KIND_NOUNS } from '../../indicators/findings/nouns.ts';
import {
  authorityIndicatorsOf,
  type ComputeSummary,
  computeEditionIndicators,
  editionFindingsOf,
  referentialShape,
} from '../../indicators/indicators.service.ts';
import type { AuthorityIndicators } from '../../indicators/indicators.types.ts';
import { loadIndicatorMethod } from '../../indicators/method.ts';
import { authorityKindName } from '../../territories/authority-lookup.ts';
import type { CliContext } from '../context.ts';
import { formatDecimal, formatInteger, formatSeconds, table } from '../format.ts';
import { parseAuthorityKind, parseYear } from '../parse-options.ts';

const COMPARABILITY: Record<PreviousComparability, string> = {
  comparable: 'évolutions comparables',
  referential_changed: 'évolutions NON COMPARABLES : le référentiel des services a changé',
  method_changed: 'évolutions NON COMPARABLES : la méthode des indicateurs a changé',
};

/** Computes and stores an edition's indicators, then says what was computed. */
export async function runIndicatorsCompute(
  ctx: CliContext,
  options: { year: number; method?: string },
): Promise<ComputeSummary> {
  const { db } = await ctx.database();
  const method = await loadIndicatorMethod(options.method);
  const summary = await computeEditionIndicators(db, { year: options.year, method }, ctx.now());
  const kinds = (Object.entries(summary.byKind) as [AuthorityKind, number][])
    .map(
      ([kind, n]) => `${formatInteger(n)} ${n === 1 ? KIND_NOUNS[kind].singular : KIND_NOUNS[kind].plural}`,
    )
    .join(', ');
  ctx.out.line(
    `Indicateurs de l’édition ${summary.year} calculés (méthode ${summary.methodVersion}) en ${formatSeconds(summary.durationMs)} : ` +
      `${formatInteger(summary.authorities)} collectivité(s)${kinds ? ` (${kinds})` : ''}.`,
  );
  if (summary.withoutServices > 0) {
    ctx.out.line(
      `  ${formatInteger(summary.withoutServices)} collectivité(s) sans service applicable, écartée(s).`,
    );
  }
  ctx.out.line(
    summary.previousYear === null || summary.comparability === null
      ? '  Pas d’édition précédente calculée : pas d’évolution.'
      : `  Par rapport à l’édition ${summary.previousYear} : ${COMPARABILITY[summary.comparability]}.`,
  );
  return summary;
}

/** Prints the findings of an edition, a section per kind. */
export async function printFindings(
  ctx: CliContext,
  options: { year: number; kind?: AuthorityKind },
): Promise<void> {
  const { db } = await ctx.database();
  const sections = await editionFindingsOf(db, options);
  if (sections.length === 0) ctx.out.line(`Aucune collectivité dans le panel de l’édition ${options.year}.`);
  sections.forEach((section, i) => {
    if (i > 0) ctx.out.line();
    ctx.out.line(`${section.heading} — principaux enseignements de l’édition ${options.year}`);
    for (const sentence of section.sentences) ctx.out.line(`  • ${sentence}`);
  });
}

const edition = (command: Command) =>
  command.option('--edition <année>', 'édition (par défaut : l’année en cours)', parseYear);

export function registerIndicatorsCommands(program: Command, ctx: CliContext): void {
  const indicators = program
    .command('indicators')
    .description('Indicateurs, classements et agrégats d’une édition');
  const yearOf = (options: { edition?: number }) => options.edition ?? ctx.now().getUTCFullYear();

  edition(indicators.command('compute'))
    .description('Calcule et enregistre les indicateurs de l’édition (remplace le calcul précédent)')
    .option('--method <version>', 'version de la méthode (data/indicators/, par défaut : la plus récente)')
    .action(async (options: { edition?: number; method?: string }) => {
      await runIndicatorsCompute(ctx, {
        year: yearOf(options),
        ...(options.method ? { method: options.method } : {}),
      });
    });

  edition(indicators.command('show <code>'))
    .description('Indicateurs d’une collectivité : niveaux, thématiques, portail, indice, rangs, évolution')
    .option('--kind <type>', 'type de collectivité quand le code est ambigu', parseAuthorityKind)
    .action(async (code: string, options: { edition?: number; kind?: AuthorityKind }) => {
      const { db } = await ctx.database();
      const year = yearOf(options);
      const { run, indicators: a } = await authorityIndicatorsOf(db, {
        year,
        code,
        ...(options.kind ? { kind: options.kind } : {}),
      });
      const referential = await referentialShape(db, run.referentialVersion);
      printAuthority(ctx, year, a, referential.themes);
    });

  edition(program.command('findings'))
    .description('Principaux enseignements de l’édition, en phrases')
    .option('--kind <type>', 'un seul type de collectivité', parseAuthorityKind)
    .action(async (options: { edition?: number; kind?: AuthorityKind }) => {
      await printFindings(ctx, { year: yearOf(options), ...(options.kind ? { kind: options.kind } : {}) });
    });
}

const percent = (part: number, whole: number) =>
  whole === 0 ? '—' : `${formatDecimal((100 * part) / whole)} %`;

function printAuthority(
  ctx: CliContext,
  year: number,
  a: AuthorityIndicators,
  themes: readonly { key: string; name: string }[],
): void {
  ctx.out.line(`${a.name} (${authorityKindName(a.kind)} ${a.code}) — indicateurs de l’édition ${year}`);
  const rows: [string, string][] = [
    [
      'indice de numérisation',
      `${formatDecimal(a.index)} / 100${a.indexPartial ? ' (sans portail mesuré)' : ''}`,
    ],
    [
      'rang',
      `${formatInteger(a.rank)} sur ${formatInteger(a.rankTotal)} ${KIND_HEADINGS[a.kind].toLowerCase()}`,
    ],
    [
      'rang dans le groupe de pairs',
      a.peerRank === null
        ? 'population inconnue'
        : `${formatInteger(a.peerRank)} sur ${formatInteger(a.peerTotal ?? 0)}`,
    ],
    ['rang centile', formatDecimal(a.percentile)],
    ['services attendus', formatInteger(a.servicesApplicable)],
    ['dont évalués', formatInteger(a.servicesAssessed)],
    ['de bout en bout (niveau 4)', formatInteger(a.endToEnd)],
    ['partiels (niveaux 2 et 3)', formatInteger(a.partial)],
    ['niveaux 0 / 1 / 2 / 3 / 4', a.levels.map(formatInteger).join(' / ')],
    ['thématiques couvertes', `${formatInteger(a.themesCovered)} sur ${formatInteger(a.themesApplicable)}`],
    [
      'qualité du portail',
      a.portalScore === null
        ? a.hasWebsite
          ? 'non mesurée'
          : 'pas de site internet'
        : `${formatDecimal(a.portalScore)} / 100 (${formatInteger(a.portalChecks)} contrôles)`,
    ],
    ['population', a.population === null ? 'inconnue' : formatInteger(a.population)],
    [
      'recettes de fonctionnement',
      a.operatingRevenue === null ? 'inconnues' : `${formatInteger(a.operatingRevenue)} € (${a.revenueYear})`,
    ],
    ['évolution', changeText(a)],
  ];
  for (const line of table(rows)) ctx.out.line(line);
  ctx.out.line('Thématiques (services numérisés au moins en partie / attendus)');
  for (const theme of themes) {
    const rate = a.themeRates[theme.key];
    if (!rate) continue;
    ctx.out.line(
      `  ${theme.name.padEnd(40)} ${String(rate.digitalised).padStart(3)} / ${String(rate.applicable).padEnd(3)} ${percent(rate.digitalised, rate.applicable).padStart(8)}  dont ${rate.endToEnd} de bout en bout`,
    );
  }
}

function changeText(a: AuthorityIndicators): string {
  const c = a.change;
  const sign = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '');
  const signed = (n: number) => `${sign(n)}${formatDecimal(Math.abs(n))}`;
  const signedCount = (n: number) => `${sign(n)}${formatInteger(Math.abs(n))}`;
  switch (c.status) {
    case 'none':
      return 'pas d’édition précédente';
    case 'new':
      return 'absente de l’édition précédente';
    case 'not_comparable':
      return `non comparable (indice précédent ${formatDecimal(c.previousIndex ?? 0)}, autre référentiel ou méthode)`;
    case 'comparable':
      return `indice ${signed(c.indexChange ?? 0)} ; bout en bout ${signedCount(c.endToEndChange ?? 0)}`;
  }
}
