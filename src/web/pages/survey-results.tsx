import { formatDecimal } from '../../indicators/statistics/reading.ts';
import { frenchTypography } from '../../shared/french-typography.ts';
import type { Interval, ShareEstimate } from '../../surveys/analysis/estimates.rules.ts';
import { categoryLabel } from '../../surveys/analysis/findings.rules.ts';
import type { QuestionResult, SurveyAnalysis } from '../../surveys/analysis/survey-analysis.rules.ts';
import type { RateLine, ResponseRates } from '../../surveys/response-rates.rules.ts';
import { barChart } from '../charts/bar-chart.ts';
import { ChartFigure } from '../components/chart-figure.tsx';
import { DataTable } from '../components/data-table.tsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';

/** The public results of a survey, /enquetes/{slug}: findings, response rates, every question. */

export interface SurveyResultsView {
  slug: string;
  title: string;
  closed: boolean;
  analysis: SurveyAnalysis;
  findings: string[];
  rates: ResponseRates;
}

const NBSP = '\u202f';
const pct = (share: number | null) => (share === null ? '—' : `${formatDecimal(share * 100, 0)}${NBSP}%`);
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

function QuestionSection({
  result,
  index,
  weighted,
}: {
  result: QuestionResult;
  index: number;
  weighted: boolean;
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
  const shown = rows.filter((r) => (weighted ? r.estimate.weightedShare : r.estimate.share) !== null);
  if (question.type === 'matrix' || shown.length === 0)
    return (
      <section>
        {shown.length === 0 ? <p class="govuk-body">Moins de 5 réponses : pas de chiffre publié.</p> : null}
        {table}
      </section>
    );
  const svg = barChart({
    id: `question-${index}`,
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
    />
  );
}

export function SurveyResultsPage({ chrome, view }: { chrome: PageChrome; view: SurveyResultsView }) {
  const weighted = view.analysis.weights !== null;
  return (
    <Layout chrome={chrome} title={`Résultats : ${view.title}`}>
      <h1 class="govuk-heading-l">{frenchTypography(view.title)}</h1>
      {view.closed ? null : (
        <div class="govuk-inset-text">
          {frenchTypography('Enquête en cours : ces résultats sont provisoires.')}
        </div>
      )}
      <h2 class="govuk-heading-m">Principaux enseignements</h2>
      <ul class="govuk-list govuk-list--bullet">
        {view.findings.map((sentence) => (
          <li>{frenchTypography(sentence)}</li>
        ))}
      </ul>
      <p class="govuk-body">
        <a class="govuk-link" href={`/enquetes/${view.slug}/reponses.csv`}>
          Télécharger les réponses anonymisées (CSV)
        </a>{' '}
        ou{' '}
        <a class="govuk-link" href={`/enquetes/${view.slug}/reponses.xlsx`}>
          (XLSX)
        </a>{' '}
        — sans adresse électronique ni texte libre.
      </p>
      <h2 class="govuk-heading-m">Taux de réponse</h2>
      <RatesTable caption="Par type de collectivité" lines={[view.rates.total, ...view.rates.byKind]} />
      <RatesTable caption="Par taille" lines={view.rates.bySize} />
      <RatesTable caption="Par profil" lines={view.rates.byProfile} />
      <h2 class="govuk-heading-m">Réponses question par question</h2>
      <p class="govuk-body">
        {frenchTypography(
          'Aucun chiffre n’est publié pour moins de 5 répondants. Les parts redressées rendent les réponses représentatives des collectivités par type, taille et région quand c’est possible ; leurs intervalles tiennent compte de l’effet de plan.',
        )}
      </p>
      {view.analysis.questions.map((result, index) => (
        <QuestionSection result={result} index={index} weighted={weighted} />
      ))}
    </Layout>
  );
}
