import { formatDecimal } from '../../indicators/statistics/reading.ts';
import { frenchTypography } from '../../shared/french-typography.ts';
import type { Interval, ShareEstimate } from '../../surveys/analysis/estimates.rules.ts';
import { categoryLabel } from '../../surveys/analysis/findings.rules.ts';
import type { QuestionResult } from '../../surveys/analysis/survey-analysis.rules.ts';
import type { RateLine } from '../../surveys/response-rates.rules.ts';
import { barChart } from '../charts/bar-chart.ts';
import { ChartFigure } from './chart-figure.tsx';
import { DataTable } from './data-table.tsx';

/**
 * A survey's response rates and one question's results (bar chart of the shares and their
 * table), as /enquetes/{slug} and the edition report both show them.
 */

const NBSP = '\u202f';
/** A share as the survey pages print it: whole percent, « — » when suppressed or unknown. */
export const pct = (share: number | null) =>
  share === null ? '—' : `${formatDecimal(share * 100, 0)}${NBSP}%`;
const ci = (interval: Interval | null) =>
  interval === null
    ? '—'
    : `${formatDecimal(interval.lower * 100, 0)} à ${formatDecimal(interval.upper * 100, 0)}${NBSP}%`;

export function RatesTable({ caption, lines }: { caption: string; lines: readonly RateLine[] }) {
  return (
    <DataTable
      caption={caption}
      captionClass="govuk-table__caption--s"
      rows={lines}
      columns={[
        { header: 'Groupe', cell: (l) => l.label },
        { header: 'Invités', numeric: true, cell: (l) => String(l.invited) },
        { header: 'Réponses', numeric: true, cell: (l) => String(l.submitted) },
        { header: 'Taux', numeric: true, cell: (l) => pct(l.rate) },
      ]}
    />
  );
}

/** The categories whose share is published (5 respondents or more), weighted when possible. */
export function publishedShares(result: QuestionResult, weighted: boolean) {
  return Object.entries(result.frequencies?.shares ?? {})
    .map(([category, estimate]) => ({ label: categoryLabel(result.question, category), estimate }))
    .filter((r) => (weighted ? r.estimate.weightedShare : r.estimate.share) !== null);
}

export function QuestionSection({
  result,
  chartId,
  weighted,
  open = false,
}: {
  result: QuestionResult;
  /** Unique in the document: the chart's title and description are referenced by id. */
  chartId: string;
  weighted: boolean;
  /** Table unfolded, for print. */
  open?: boolean;
}) {
  const { question } = result;
  if (result.freeTextAnswers !== undefined)
    return (
      <section>
        <h3 class="govuk-heading-s">{frenchTypography(question.title)}</h3>
        <p class="govuk-body">
          {frenchTypography(
            `${result.freeTextAnswers} réponse(s) en texte libre : elles ne sont pas publiées sans modération.`,
          )}
        </p>
      </section>
    );
  if (result.mean && !result.frequencies) {
    const { mean } = result;
    return (
      <section>
        <h3 class="govuk-heading-s">{frenchTypography(question.title)}</h3>
        <p class="govuk-body">
          {mean.mean === null
            ? 'Moins de 5 réponses : pas de chiffre publié.'
            : frenchTypography(
                `Moyenne ${formatDecimal(mean.mean, 1)} (IC 95 % : ${formatDecimal(mean.interval?.lower ?? 0, 1)} à ${formatDecimal(mean.interval?.upper ?? 0, 1)}) sur ${mean.respondents} réponses${mean.weightedMean === null ? '' : ` ; redressée : ${formatDecimal(mean.weightedMean, 1)}`}.`,
              )}
        </p>
      </section>
    );
  }
  const frequencies = result.frequencies;
  if (!frequencies) return null;
  const rows = Object.entries(frequencies.shares).map(([category, estimate]) => ({
    label: categoryLabel(question, category),
    estimate,
  }));
  const table = (
    <DataTable
      caption={question.title}
      captionClass="govuk-table__caption--s"
      rows={rows}
      columns={[
        {
          header: 'Réponse',
          cell: (r: { label: string; estimate: ShareEstimate }) => frenchTypography(r.label),
        },
        {
          header: 'Effectif',
          numeric: true,
          cell: (r) => (r.estimate.share === null ? '—' : String(r.estimate.count)),
        },
        { header: 'Part', numeric: true, cell: (r) => pct(r.estimate.share) },
        { header: 'IC 95 %', numeric: true, cell: (r) => ci(r.estimate.interval) },
        { header: 'Part redressée', numeric: true, cell: (r) => pct(r.estimate.weightedShare) },
        { header: 'IC 95 % redressé', numeric: true, cell: (r) => ci(r.estimate.weightedInterval) },
      ]}
    />
  );
  const shown = publishedShares(result, weighted);
  if (question.type === 'matrix' || shown.length === 0)
    return (
      <section>
        {shown.length === 0 ? <p class="govuk-body">Moins de 5 réponses : pas de chiffre publié.</p> : null}
        {table}
      </section>
    );
  const svg = barChart({
    id: chartId,
    title: question.title,
    description: `Part des répondants par réponse${weighted ? ', redressée' : ''}, en pourcentage.`,
    bars: shown.map((r) => ({
      label: r.label,
      value: ((weighted ? r.estimate.weightedShare : r.estimate.share) ?? 0) * 100,
    })),
    valueLabel: weighted ? 'Part redressée des répondants (%)' : 'Part des répondants (%)',
  });
  return (
    <ChartFigure
      title={question.title}
      svg={svg}
      summary={`${frequencies.respondents} réponses${question.type === 'ranking' ? ' ; part des répondants classant chaque proposition en premier' : ''}.`}
      table={table}
      open={open}
    />
  );
}
