import * as Plot from '@observablehq/plot';
import { formatDecimal, formatInteger } from '../../shared/french-typography.ts';
import { type ChartText, renderPlot } from './plot-svg.ts';

export interface Bar {
  label: string;
  value: number;
}

export interface BarChartOptions extends ChartText {
  bars: readonly Bar[];
  /** Axis label of the values, e.g. "Part des services de bout en bout (%)". */
  valueLabel: string;
  /** Decimals of the value axis ticks (0: integers). */
  decimals?: number;
  width?: number;
}

/** The left margin never takes more of the width than this; longer labels wrap. */
const MAX_LABEL_MARGIN = 260;

/** Horizontal bars, in the order given (so the caller decides: ranked, or referential order). */
export function barChart(options: BarChartOptions): string {
  const labels = options.bars.map((bar) => bar.label);
  const longest = Math.max(0, ...labels.map((label) => label.length));
  const decimals = options.decimals ?? 0;
  const marginLeft = Math.min(MAX_LABEL_MARGIN, 16 + longest * 6.5);
  return renderPlot(
    {
      width: options.width ?? 640,
      height: 40 + options.bars.length * 28,
      marginLeft,
      x: {
        label: options.valueLabel,
        grid: true,
        tickFormat: (value: number) =>
          decimals === 0 ? formatInteger(value) : formatDecimal(value, decimals),
      },
      y: { label: null, domain: labels },
      marks: [
        // Labels wrap rather than being cut at the margin. The line width is in ems of the 10 px
        // axis font; Plot's width estimate runs narrower than the printed sans-serif, hence 12.
        Plot.axisY({ label: null, lineWidth: (marginLeft - 16) / 12 }),
        Plot.barX(options.bars, { x: 'value', y: 'label', fill: '#0b4f6c' }),
        Plot.ruleX([0]),
      ],
    },
    options,
  );
}
