import type { CorrelationAggregate, CorrelationX, CorrelationY } from '../../indicators/aggregates.rules.ts';
import { scatterPoints } from '../../indicators/scatter.rules.ts';
import {
  CORRELATION_CAVEAT,
  correlationSentence,
  formatCorrelationFigures,
  formatDecimal as formatStatistic,
} from '../../indicators/statistics/reading.ts';
import { formatDecimal, formatInteger, frenchTypography, plural } from '../../shared/french-typography.ts';
import { authorityKindName } from '../../territories/authority-lookup.ts';
import { histogram } from '../charts/histogram.ts';
import { scatterPlot } from '../charts/scatter-plot.ts';
import { ChartFigure } from '../components/chart-figure.tsx';
import { DataTable } from '../components/data-table.tsx';
import { KindSwitch, NotComputed } from '../components/kind-switch.tsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';
import type { AnalysesView } from '../routes/indicator-views.ts';
import { KIND_PLURALS } from './authority-scorecard.tsx';
import { EditionBanner } from './home.tsx';

/** Variables as French noun phrases with their article (for correlationSentence) and as axis labels. */
const X_NAMES: Record<
  CorrelationX,
  { phrase: string; axis: string; decimals: number; step: number; stepLabel: string }
> = {
  population: {
    phrase: 'la population',
    axis: 'Population (habitants)',
    decimals: 0,
    step: 100_000,
    stepLabel: '100 000 habitants',
  },
  operating_revenue: {
    phrase: 'les recettes de fonctionnement',
    axis: 'Recettes réelles de fonctionnement (€)',
    decimals: 0,
    step: 100_000_000,
    stepLabel: '100 millions d’euros de recettes',
  },
  revenue_per_inhabitant: {
    phrase: 'les recettes par habitant',
    axis: 'Recettes de fonctionnement par habitant (€)',
    decimals: 0,
    step: 100,
    stepLabel: '100 € de recettes par habitant',
  },
};
const Y_NAMES: Record<CorrelationY, { phrase: string; axis: string; decimals: number; unit: string }> = {
  end_to_end: {
    phrase: 'le nombre de services de bout en bout',
    axis: 'Services de bout en bout',
    decimals: 0,
    unit: 'service(s) de bout en bout',
  },
  index: {
    phrase: 'l’indice de numérisation',
    axis: 'Indice de numérisation (sur 100)',
    decimals: 1,
    unit: 'point(s) d’indice',
  },
};

/** Beyond this many authorities, the points are in the open data rather than in a page table. */
export const POINTS_TABLE_LIMIT = 200;

export function AnalysesPage({ chrome, view }: { chrome: PageChrome; view: AnalysesView }) {
  const kinds = view.kind ? KIND_PLURALS[view.kind] : '';
  return (
    <Layout
      chrome={chrome}
      title="Répartition et corrélations"
      breadcrumbs={[{ href: '/', label: 'Accueil' }]}
    >
      <h1 class="govuk-heading-xl">Répartition et corrélations</h1>
      <EditionBanner edition={view.edition} simulated={view.simulated} />
      <KindSwitch path="/analyses" kinds={view.kinds} current={view.kind} />
      {view.aggregates ? (
        <>
          <Distribution view={view} kinds={kinds} />
          <section aria-labelledby="correlations">
            <h2 class="govuk-heading-l" id="correlations">
              Numérisation, taille et ressources
            </h2>
            <p class="govuk-body">{frenchTypography(CORRELATION_CAVEAT)}</p>
            {view.aggregates.correlations.map((c) => (
              <Correlation view={view} correlation={c} kinds={kinds} />
            ))}
          </section>
        </>
      ) : (
        <NotComputed edition={view.edition} />
      )}
    </Layout>
  );
}

function Distribution({ view, kinds }: { view: AnalysesView; kinds: string }) {
  const aggregates = view.aggregates;
  if (!aggregates) return null;
  const { summary, histogram: bins, moreThan, fewerThan } = aggregates.endToEnd;
  const who = (count: number) =>
    plural(count, `${authorityKindName(aggregates.kind)} en propose`, `${kinds} en proposent`);
  const thresholds = [
    ...moreThan.map((t) => `${who(t.count)} plus de ${formatInteger(t.threshold)} de bout en bout`),
    ...fewerThan.map((t) => `${who(t.count)} moins de ${formatInteger(t.threshold)} de bout en bout`),
  ];
  return (
    <section aria-labelledby="repartition">
      <h2 class="govuk-heading-l" id="repartition">
        Répartition des services de bout en bout
      </h2>
      <ChartFigure
        title={frenchTypography(
          `Nombre de services de bout en bout par collectivité (${kinds}, ${formatInteger(aggregates.authorities)})`,
        )}
        svg={histogram({
          id: 'histogramme-bout-en-bout',
          title: `Répartition des ${kinds} selon leur nombre de services de bout en bout`,
          description: `Histogramme : combien de ${kinds} proposent de bout en bout chaque tranche de nombre de services.`,
          bins: bins.bins,
          valueLabel: 'Services de bout en bout',
          countLabel: `Nombre de ${kinds}`,
        })}
        summary={`Médiane : ${formatDecimal(summary.median, 1)} service(s) de bout en bout, quartiles ${formatDecimal(summary.q1, 1)} et ${formatDecimal(summary.q3, 1)}, de ${formatInteger(summary.min)} à ${formatInteger(summary.max)}.`}
        table={
          <DataTable
            caption={`Répartition des ${kinds}`}
            rows={bins.bins}
            columns={[
              {
                header: 'Services de bout en bout',
                cell: (b) =>
                  `de ${formatInteger(b.lower)} à ${formatInteger(b.upper)}${b.includesUpper ? ' inclus' : ' exclu'}`,
              },
              { header: 'Collectivités', numeric: true, cell: (b) => formatInteger(b.count) },
            ]}
          />
        }
      />
      {thresholds.length > 0 ? (
        <ul class="govuk-list govuk-list--bullet">
          {thresholds.map((t) => (
            <li>{frenchTypography(`${t}.`)}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function Correlation({
  view,
  correlation,
  kinds,
}: {
  view: AnalysesView;
  correlation: CorrelationAggregate;
  kinds: string;
}) {
  const x = X_NAMES[correlation.x];
  const y = Y_NAMES[correlation.y];
  const id = `correlation-${correlation.y}-${correlation.x}`.replaceAll('_', '-');
  const points = scatterPoints(view.indicators, correlation.x, correlation.y);
  const sentence = correlationSentence(correlation.pearson, { x: y.phrase, y: x.phrase });
  const spearman =
    correlation.spearman.status === 'ok'
      ? `Corrélation des rangs de Spearman : ${formatCorrelationFigures(correlation.spearman)}.`
      : `Corrélation des rangs de Spearman : ${correlation.spearman.message.toLowerCase()}.`;
  const regression = correlation.regression.status === 'ok' ? correlation.regression : null;
  const title = `${y.axis} selon ${x.axis.charAt(0).toLowerCase()}${x.axis.slice(1)}`;
  return (
    <section aria-labelledby={id}>
      <h3 class="govuk-heading-m" id={id}>
        {frenchTypography(`${y.phrase.charAt(0).toUpperCase()}${y.phrase.slice(1)} et ${x.phrase}`)}
      </h3>
      <p class="govuk-body">{frenchTypography(sentence)}</p>
      <p class="govuk-body bm-muted">{frenchTypography(spearman)}</p>
      {points.length >= 2 ? (
        <ChartFigure
          title={frenchTypography(title)}
          svg={scatterPlot({
            id: `${id}-nuage`,
            title,
            description: `Nuage de points des ${kinds} (${points.length}), avec la droite de régression des moindres carrés.`,
            points: points.map((p) => ({ x: p.x, y: p.y, label: p.name })),
            xLabel: x.axis,
            yLabel: y.axis,
            regression,
            xDecimals: x.decimals,
            yDecimals: y.decimals,
          })}
          summary={
            regression
              ? `Droite de régression (en orange) : en moyenne, ${signed(regression.slope * x.step)} ${y.unit} par tranche de ${x.stepLabel} de plus${regression.rSquared === null ? '' : ` (r² = ${formatStatistic(regression.rSquared, 2)})`}.`
              : 'Pas de droite de régression : elle n’est pas calculable sur ces données.'
          }
          table={
            points.length <= POINTS_TABLE_LIMIT ? (
              <DataTable
                caption={frenchTypography(`${y.axis} et ${x.axis.toLowerCase()}, par collectivité`)}
                rows={points}
                columns={[
                  { header: 'Collectivité', cell: (p) => p.name },
                  { header: x.axis, numeric: true, cell: (p) => formatDecimal(p.x, x.decimals) },
                  { header: y.axis, numeric: true, cell: (p) => formatDecimal(p.y, y.decimals) },
                ]}
              />
            ) : (
              <p class="govuk-body">
                {frenchTypography(
                  `${formatInteger(points.length)} points : les valeurs par collectivité sont dans les données ouvertes de l’édition.`,
                )}
              </p>
            )
          }
        />
      ) : null}
    </section>
  );
}

/** « +0,12 », « −2,47 »: a slope with its sign and a true minus. */
function signed(value: number): string {
  const text = formatStatistic(value, 2);
  return value > 0 && text !== '0,00' ? `+${text}` : text;
}
