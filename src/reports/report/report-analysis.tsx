import type { CorrelationAggregate, KindAggregates } from '../../indicators/aggregates.rules.ts';
import { X_LABELS, Y_LABELS } from '../../indicators/findings/findings.rules.ts';
import { scatterPoints } from '../../indicators/scatter.rules.ts';
import { histogram as computeHistogram, equalWidthEdges } from '../../indicators/statistics/descriptive.ts';
import {
  CORRELATION_CAVEAT,
  correlationSentence,
  formatCorrelationFigures,
} from '../../indicators/statistics/reading.ts';
import {
  formatDecimal,
  formatInteger,
  formatPercent,
  frenchTypography,
} from '../../shared/french-typography.ts';
import { barChart } from '../../web/charts/bar-chart.ts';
import { scatterPlot } from '../../web/charts/scatter-plot.ts';
import { ChartFigure } from '../../web/components/chart-figure.tsx';
import { DataTable } from '../../web/components/data-table.tsx';
import { HistogramFigure } from '../../web/components/histogram-figure.tsx';
import type { ReportData } from './report.service.ts';
import { kindHeading } from './report-kinds.ts';
import { ReportSection } from './report-section.tsx';

/** Correlations with size and revenue, portal quality, and the initiatives registry. */

const AXIS_LABELS = {
  population: 'Population (habitants)',
  operating_revenue: 'Recettes réelles de fonctionnement (€)',
  revenue_per_inhabitant: 'Recettes de fonctionnement par habitant (€)',
  end_to_end: 'Services de bout en bout',
  index: 'Indice (sur 100)',
} as const;

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function CorrelationFigure({ data, a, c }: { data: ReportData; a: KindAggregates; c: CorrelationAggregate }) {
  const points = scatterPoints(
    data.authorities.filter((x) => x.kind === a.kind),
    c.x,
    c.y,
  ).map((p) => ({ x: p.x, y: p.y, label: p.name }));
  const title = `${kindHeading(a.kind)} : ${Y_LABELS[c.y]} selon ${X_LABELS[c.x]}`;
  const summary = correlationSentence(c.pearson, { x: X_LABELS[c.x], y: Y_LABELS[c.y] });
  return (
    <ChartFigure
      title={capitalised(title)}
      summary={summary}
      open
      svg={scatterPlot({
        id: `correlation-${a.kind}-${c.x}-${c.y}`,
        title,
        description: summary,
        points,
        xLabel: AXIS_LABELS[c.x],
        yLabel: AXIS_LABELS[c.y],
        regression: c.regression.status === 'ok' ? c.regression : null,
        decimals: 0,
      })}
      table={
        <DataTable
          caption={`${capitalised(title)} : coefficients`}
          captionClass="govuk-table__caption--s"
          rows={[c.pearson, c.spearman]}
          columns={[
            { header: 'Méthode', cell: (r) => (r === c.pearson ? 'Pearson' : 'Spearman') },
            {
              header: 'Coefficient, intervalle de confiance, effectif',
              cell: (r) => formatCorrelationFigures(r),
            },
          ]}
        />
      }
    />
  );
}

export function CorrelationsSection({ data }: { data: ReportData }) {
  return (
    <ReportSection name="correlations">
      <p class="govuk-body">{frenchTypography(CORRELATION_CAVEAT)}</p>
      {data.run.aggregates.kinds.map((a) => (
        <div class="bm-report-block">
          <h3 class="govuk-heading-m">{kindHeading(a.kind)}</h3>
          <ul class="govuk-list govuk-list--bullet">
            {a.correlations.map((c) => (
              <li>
                {frenchTypography(correlationSentence(c.pearson, { x: X_LABELS[c.x], y: Y_LABELS[c.y] }))}
              </li>
            ))}
          </ul>
          {a.correlations
            .filter((c) => c.y === 'index' && c.pearson.status === 'ok')
            .map((c) => (
              <CorrelationFigure data={data} a={a} c={c} />
            ))}
        </div>
      ))}
    </ReportSection>
  );
}

export function PortalSection({ data }: { data: ReportData }) {
  const kinds = data.run.aggregates.kinds;
  const scores = data.authorities.map((a) => a.portalScore).filter((s): s is number => s !== null);
  const { bins } = computeHistogram(scores, equalWidthEdges(0, 100, 10));
  const title = 'Collectivités selon la qualité de leur portail';
  const summary = `Score de qualité (sur 100 : vitesse, accessibilité déclarée, HTTPS, traceurs) de ${formatInteger(scores.length)} collectivité(s) dont le site a été audité.`;
  return (
    <ReportSection name="portal">
      <DataTable
        caption="Qualité moyenne des portails par catégorie"
        captionClass="govuk-table__caption--s"
        rows={kinds}
        columns={[
          { header: 'Catégorie', cell: (a) => kindHeading(a.kind) },
          { header: 'Avec un site', numeric: true, cell: (a) => formatInteger(a.withWebsite) },
          { header: 'Sites mesurés', numeric: true, cell: (a) => formatInteger(a.portal.n) },
          {
            header: 'Score moyen',
            numeric: true,
            cell: (a) => (a.portal.mean === null ? 'non mesuré' : formatDecimal(a.portal.mean, 1)),
          },
        ]}
      />
      {scores.length > 0 ? (
        <HistogramFigure
          open
          countLabel="Collectivités"
          id="portails"
          title={title}
          summary={summary}
          bins={bins}
          valueLabel="Score de qualité du portail"
          binLabel={(b) =>
            `${formatInteger(b.lower)} à ${b.includesUpper ? '' : 'moins de '}${formatInteger(b.upper)}`
          }
        />
      ) : null}
    </ReportSection>
  );
}

export function InitiativesSection({ data }: { data: ReportData }) {
  const { initiatives } = data;
  if (!initiatives) return null;
  const domains = initiatives.analysis.domains.filter((d) => d.count > 0);
  const title = 'Part des initiatives par domaine';
  const summary = 'Une initiative peut relever de plusieurs domaines : les parts dépassent 100 % au total.';
  return (
    <ReportSection name="initiatives">
      <ul class="govuk-list govuk-list--bullet">
        {initiatives.findings.map((f) => (
          <li>{frenchTypography(f)}</li>
        ))}
      </ul>
      <ChartFigure
        title={title}
        summary={summary}
        open
        svg={barChart({
          id: 'initiatives-domaines',
          title,
          description: summary,
          bars: domains.map((d) => ({
            label: initiatives.domainLabel(d.domain),
            value: Math.round(d.share * 1000) / 10,
          })),
          valueLabel: 'Part des initiatives (%)',
        })}
        table={
          <DataTable
            caption={title}
            captionClass="govuk-table__caption--s"
            rows={domains}
            columns={[
              { header: 'Domaine', cell: (d) => initiatives.domainLabel(d.domain) },
              { header: 'Initiatives', numeric: true, cell: (d) => formatInteger(d.count) },
              { header: 'Part', numeric: true, cell: (d) => formatPercent(d.share) },
            ]}
          />
        }
      />
    </ReportSection>
  );
}
