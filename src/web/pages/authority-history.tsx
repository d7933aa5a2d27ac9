import type { AuthorityHistoryEntry } from '../../indicators/queries/authority-history.query.ts';
import { formatDecimal, formatInteger } from '../../shared/french-typography.ts';
import { barChart } from '../charts/bar-chart.ts';
import { ChartFigure } from '../components/chart-figure.tsx';
import { DataTable } from '../components/data-table.tsx';

/**
 * « Évolution d’une édition à l’autre »: the authority's index, services end to end and rank in
 * each edition with computed indicators, and whether each can be compared with the one before
 * (a new referential or method makes the change unreadable: the figures stay, flagged).
 */

const COMPARABILITY: Record<AuthorityHistoryEntry['changeStatus'], string> = {
  comparable: 'comparable à l’édition précédente',
  not_comparable: 'non comparable (référentiel ou méthode changés)',
  new: 'absente de l’édition précédente',
  none: 'pas d’édition précédente calculée',
};

function HistoryTable({ history }: { history: readonly AuthorityHistoryEntry[] }) {
  return (
    <DataTable
      caption="Indice, services de bout en bout et rang par édition"
      captionClass="govuk-table__caption--s"
      rows={history}
      columns={[
        { header: 'Édition', cell: (h) => String(h.year) },
        {
          header: 'Indice (sur 100)',
          numeric: true,
          cell: (h) => `${formatDecimal(h.index, 1)}${h.indexPartial ? ' (partiel)' : ''}`,
        },
        { header: 'Services de bout en bout', numeric: true, cell: (h) => formatInteger(h.endToEnd) },
        {
          header: 'Rang',
          numeric: true,
          cell: (h) => `${formatInteger(h.rank)} sur ${formatInteger(h.rankTotal)}`,
        },
        { header: 'Comparabilité', cell: (h) => COMPARABILITY[h.changeStatus] },
      ]}
    />
  );
}

export function HistorySection({ history }: { history: readonly AuthorityHistoryEntry[] }) {
  if (history.length === 0) return null;
  const notComparable = history.filter((h) => h.changeStatus === 'not_comparable').map((h) => h.year);
  return (
    <section aria-labelledby="historique">
      <h2 class="govuk-heading-l" id="historique">
        Évolution d’une édition à l’autre
      </h2>
      {history.length === 1 ? (
        <>
          <p class="govuk-body">
            {`Première édition calculée pour cette collectivité (${history[0]?.year}) : pas encore d’historique.`}
          </p>
          <HistoryTable history={history} />
        </>
      ) : (
        <ChartFigure
          title="Indice de numérisation par édition"
          svg={barChart({
            id: 'historique-indice',
            title: 'Indice de numérisation par édition',
            description: `Indice sur 100 de ${history.length} éditions, de ${history[0]?.year} à ${history.at(-1)?.year}.`,
            bars: history.map((h) => ({ label: String(h.year), value: h.index })),
            valueLabel: 'Indice (sur 100)',
            decimals: 0,
          })}
          summary={
            notComparable.length === 0
              ? `Indice de ${history.map((h) => `${formatDecimal(h.index, 1)} en ${h.year}`).join(', ')}.`
              : `Indice de ${history.map((h) => `${formatDecimal(h.index, 1)} en ${h.year}`).join(', ')}. Attention : ${notComparable.join(', ')} non comparable à l’édition précédente (référentiel ou méthode changés).`
          }
          table={<HistoryTable history={history} />}
          open
        />
      )}
    </section>
  );
}
