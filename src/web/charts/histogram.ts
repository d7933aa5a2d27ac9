import * as Plot from '@observablehq/plot';
import type { HistogramBin } from '../../indicators/statistics/descriptive.ts';
import { formatDecimal, formatInteger } from '../../shared/french-typography.ts';
import { type ChartText, renderPlot } from './plot-svg.ts';

export interface HistogramOptions extends ChartText {
  /** Bins as computed by the caller (src/indicators/statistics histogram()), so the table and the chart agree. */
  bins: readonly HistogramBin[];
  valueLabel: string;
  countLabel?: string;
  decimals?: number;
  width?: number;
}

export function histogram(options: HistogramOptions): string {
  const decimals = options.decimals ?? 0;
  const format = (value: number) => (decimals === 0 ? formatInteger(value) : formatDecimal(value, decimals));
  return renderPlot(
    {
      width: options.width ?? 640,
      height: 300,
      x: { label: options.valueLabel, tickFormat: format },
      y: { label: options.countLabel ?? 'Effectif', grid: true, tickFormat: (v: number) => formatInteger(v) },
      marks: [
        Plot.rectY(options.bins, {
          x1: 'lower',
          x2: 'upper',
          y: 'count',
          fill: '#0b4f6c',
          insetLeft: 1,
          insetRight: 1,
        }),
        Plot.ruleY([0]),
      ],
    },
    options,
  );
}
