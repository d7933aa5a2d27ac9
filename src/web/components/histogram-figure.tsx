import type { HistogramBin } from '../../indicators/statistics/descriptive.ts';
import { formatInteger } from '../../shared/french-typography.ts';
import { histogram } from '../charts/histogram.ts';
import { ChartFigure } from './chart-figure.tsx';
import { DataTable } from './data-table.tsx';

/** A histogram with its table of bins (the same bins: the chart and the table agree). */
export function HistogramFigure(props: {
  id: string;
  title: string;
  summary: string;
  bins: readonly HistogramBin[];
  valueLabel: string;
  /** Axis label of the counts and header of their column. */
  countLabel: string;
  /** Table unfolded, for print. */
  open?: boolean;
  binLabel: (bin: HistogramBin) => string;
}) {
  const { title, summary, bins } = props;
  return (
    <ChartFigure
      title={title}
      summary={summary}
      open={props.open}
      svg={histogram({
        id: props.id,
        title,
        description: summary,
        bins,
        valueLabel: props.valueLabel,
        countLabel: props.countLabel,
      })}
      table={
        <DataTable
          caption={title}
          captionClass="govuk-table__caption--s"
          rows={bins}
          columns={[
            { header: props.valueLabel, cell: props.binLabel },
            { header: props.countLabel, numeric: true, cell: (b) => formatInteger(b.count) },
          ]}
        />
      }
    />
  );
}
