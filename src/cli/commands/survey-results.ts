import fs from 'node:fs';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { formatDecimal } from '../../indicators/statistics/reading.ts';
import { UserError } from '../../shared/errors.ts';
import {
  BY_LABELS,
  categoryLabel,
  groupLabel,
  surveyFindings,
} from '../../surveys/analysis/findings.rules.ts';
import { submittedRespondents } from '../../surveys/analysis/respondents.query.ts';
import { anonymisedResponses, anonymisedResponsesCsv } from '../../surveys/analysis/responses-csv.rules.ts';
import { writeResponsesXlsx } from '../../surveys/analysis/responses-xlsx.ts';
import { pooledRegionsText } from '../../surveys/analysis/survey-analysis.rules.ts';
import { analyseCampaign } from '../../surveys/analysis/survey-analysis.service.ts';
import { getCampaign } from '../../surveys/campaigns.repository.ts';
import { recipientGroupCounts } from '../../surveys/response-rates.query.ts';
import { type RateLine, responseRates } from '../../surveys/response-rates.rules.ts';
import type { CliContext } from '../context.ts';
import { formatInteger } from '../format.ts';

const DIMENSION_LABELS = { kind: 'le type', size: 'la taille', region: 'la région' } as const;

const rate = (line: RateLine) => (line.rate === null ? '—' : `${formatDecimal(line.rate * 100, 0)} %`);

function rateTable(title: string, lines: readonly RateLine[]): string[] {
  const width = Math.max(title.length, ...lines.map((l) => l.label.length));
  return [
    `${title.padEnd(width)}  destinataires  invités  réponses   taux`,
    ...lines.map(
      (l) =>
        `${l.label.padEnd(width)}  ${formatInteger(l.recipients).padStart(13)}  ${formatInteger(l.invited).padStart(7)}  ${formatInteger(l.submitted).padStart(8)}  ${rate(l).padStart(5)}`,
    ),
  ];
}

function parseFormat(value: string): 'text' | 'csv' | 'xlsx' {
  if (value !== 'text' && value !== 'csv' && value !== 'xlsx')
    throw new InvalidArgumentError('format attendu : text, csv ou xlsx.');
  return value;
}

export function registerSurveyResultsCommands(group: Command, ctx: CliContext): void {
  group
    .command('status')
    .description(
      'Taux de réponse d’une enquête : ensemble, par type de collectivité, région, taille et profil',
    )
    .argument('<identifiant>', 'identifiant de l’enquête')
    .action(async (slug: string) => {
      const { db } = await ctx.database();
      const campaign = await getCampaign(db, slug);
      const rates = responseRates(await recipientGroupCounts(db, campaign.id));
      ctx.out.line(
        `Enquête « ${campaign.title} » (${campaign.slug}), clôture le ${campaign.closes_at.slice(0, 10)}`,
      );
      for (const [title, lines] of [
        ['Ensemble', [rates.total]],
        ['Type de collectivité', rates.byKind],
        ['Taille', rates.bySize],
        ['Profil', rates.byProfile],
        ['Région', rates.byRegion],
      ] as const) {
        ctx.out.line();
        for (const line of rateTable(title, lines)) ctx.out.line(line);
      }
    });

  group
    .command('results')
    .description(
      'Résultats d’une enquête : enseignements, tris croisés avec test du χ², redressement ; --format csv : réponses anonymisées',
    )
    .argument('<identifiant>', 'identifiant de l’enquête')
    .option(
      '--format <format>',
      'text (défaut), csv ou xlsx (réponses anonymisées, sans courriel ni texte libre ; xlsx avec --out)',
      parseFormat,
      'text',
    )
    .option(
      '--out <fichier>',
      'écrit le CSV (ou le classeur XLSX) dans ce fichier plutôt que sur la sortie standard',
    )
    .action(async (slug: string, options: { format: 'text' | 'csv' | 'xlsx'; out?: string }) => {
      if (options.format === 'xlsx' && !options.out)
        throw new UserError(
          'input_invalid',
          'Le format xlsx s’écrit dans un fichier : ajoutez --out <fichier>.',
        );
      const { db } = await ctx.database();
      const { campaign, analysis } = await analyseCampaign(db, slug);
      if (options.format === 'xlsx' && options.out) {
        const table = anonymisedResponses(
          campaign.questionnaire,
          await submittedRespondents(db, campaign.id),
          analysis.weights,
        );
        const rows = await writeResponsesXlsx(table, options.out);
        ctx.out.line(`${formatInteger(rows)} réponse(s) anonymisée(s) écrite(s) dans ${options.out}.`);
        return;
      }
      if (options.format === 'csv') {
        const csv = anonymisedResponsesCsv(
          campaign.questionnaire,
          await submittedRespondents(db, campaign.id),
          analysis.weights,
        );
        if (options.out) {
          fs.writeFileSync(options.out, csv);
          ctx.out.line(
            `${formatInteger(analysis.respondents)} réponse(s) anonymisée(s) écrite(s) dans ${options.out}.`,
          );
        } else ctx.out.line(csv.replace(/^\uFEFF/, '').trimEnd());
        return;
      }
      ctx.out.line(`Résultats de l’enquête « ${campaign.title} » (${campaign.slug})`);
      ctx.out.line();
      for (const sentence of surveyFindings(analysis)) ctx.out.line(`- ${sentence}`);
      for (const dropped of analysis.weighting.dropped)
        ctx.out.line(`  (redressement sans ${DIMENSION_LABELS[dropped.dimension]} : ${dropped.reason})`);
      if (analysis.weighting.pooledRegions.length > 0)
        ctx.out.line(`  (${pooledRegionsText(analysis.weighting.pooledRegions)})`);
      for (const table of analysis.crossTabs) {
        const question = analysis.questions.find((q) => q.question.name === table.question)?.question;
        if (!question || table.groups.length === 0) continue;
        ctx.out.line();
        ctx.out.line(`« ${question.title} » selon ${BY_LABELS[table.by]}`);
        for (const group of table.groups) {
          const cells = table.categories
            .map((category, i) => [categoryLabel(question, category), group.counts[i] ?? 0] as const)
            .filter(([, count]) => count > 0)
            .map(([label, count]) => `${label} ${formatInteger(count)}`);
          ctx.out.line(
            `  ${groupLabel(table.by, group.group)} (${formatInteger(group.respondents)}) : ${cells.join(' ; ')}`,
          );
        }
        if (table.suppressed > 0)
          ctx.out.line(
            `  ${formatInteger(table.suppressed)} réponse(s) de groupes de moins de 5 non montrée(s)`,
          );
      }
    });
}
