import { histogram as computeHistogram, equalWidthEdges } from '../../indicators/statistics/descriptive.ts';
import { DIGITALISATION_LEVELS, isDigitalisationLevel } from '../../referential/levels.ts';
import { formatInteger, formatPercent, plural } from '../../shared/french-typography.ts';
import { barChart } from '../charts/bar-chart.ts';
import { ChartFigure } from '../components/chart-figure.tsx';
import { DataTable } from '../components/data-table.tsx';
import { HistogramFigure } from '../components/histogram-figure.tsx';
import type { DepartementRow } from './home.tsx';

const levelLabel = (level: number) =>
  isDigitalisationLevel(level) ? `${level} — ${DIGITALISATION_LEVELS[level].label}` : String(level);

/** Current assessments of the edition by level: raw counts, not the index. */
export function LevelsChart({ levels }: { levels: readonly { level: number; count: number }[] }) {
  const total = levels.reduce((sum, l) => sum + l.count, 0);
  if (total === 0) return null;
  const title = 'Services évalués, par niveau de numérisation';
  const top = levels.find((l) => l.level === 4)?.count ?? 0;
  const summary = `Sur ${plural(total, 'évaluation courante', 'évaluations courantes')}, ${formatInteger(top)} (${formatPercent(top / total)}) portent sur une démarche faisable de bout en bout.`;
  return (
    <ChartFigure
      title={title}
      summary={summary}
      svg={barChart({
        id: 'graphique-niveaux',
        title,
        description: summary,
        bars: levels.map((l) => ({ label: levelLabel(l.level), value: l.count })),
        valueLabel: 'Nombre d’évaluations courantes',
      })}
      table={
        <DataTable
          caption={title}
          captionClass="govuk-table__caption--s"
          rows={levels}
          columns={[
            { header: 'Niveau', cell: (l) => levelLabel(l.level) },
            { header: 'Évaluations', numeric: true, cell: (l) => formatInteger(l.count) },
            { header: 'Part', numeric: true, cell: (l) => formatPercent(l.count / total) },
          ]}
        />
      }
    />
  );
}

/** How the assessed départements spread by their number of end-to-end démarches. */
export function DepartementsHistogram({ departements }: { departements: readonly DepartementRow[] }) {
  const values = departements.filter((d) => d.assessed > 0).map((d) => d.endToEnd);
  const max = Math.max(0, ...values);
  if (values.length < 2 || max === 0) return null;
  const { bins } = computeHistogram(values, equalWidthEdges(0, max, Math.min(8, max)));
  const title = 'Départements selon leur nombre de démarches de bout en bout';
  const summary = `Répartition des ${plural(values.length, 'département évalué', 'départements évalués')} : de ${formatInteger(Math.min(...values))} à ${formatInteger(max)} démarches de bout en bout.`;
  const range = (b: (typeof bins)[number]) =>
    `${formatInteger(Math.ceil(b.lower))} à ${formatInteger(b.includesUpper ? b.upper : Math.ceil(b.upper) - 1)}`;
  return (
    <HistogramFigure
      id="histogramme-departements"
      title={title}
      summary={summary}
      bins={bins}
      valueLabel="Démarches de bout en bout"
      countLabel="Départements"
      binLabel={range}
    />
  );
}
