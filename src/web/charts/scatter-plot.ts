import * as Plot from '@observablehq/plot';
import { formatDecimal } from '../../shared/french-typography.ts';
import { type ChartText, renderPlot } from './plot-svg.ts';

export interface ScatterPoint {
  x: number;
  y: number;
  label: string;
}

export interface ScatterPlotOptions extends ChartText {
  points: readonly ScatterPoint[];
  xLabel: string;
  yLabel: string;
  /** The fitted line y = intercept + slope · x, computed by the indicators' statistics (one source). */
  regression?: { slope: number; intercept: number } | null;
  decimals?: number;
  width?: number;
}

/** Points with the least-squares line drawn across the range of x. */
export function scatterPlot(options: ScatterPlotOptions): string {
  const decimals = options.decimals ?? 1;
  const format = (value: number) => formatDecimal(value, decimals);
  const xs = options.points.map((point) => point.x);
  const marks: Plot.Markish[] = [
    Plot.dot(options.points, { x: 'x', y: 'y', r: 3.5, fill: '#0b4f6c', fillOpacity: 0.75 }),
  ];
  const { regression } = options;
  if (regression && xs.length > 0) {
    const low = Math.min(...xs);
    const high = Math.max(...xs);
    const line = [low, high].map((x) => ({ x, y: regression.intercept + regression.slope * x }));
    marks.push(
      Plot.line(line, { x: 'x', y: 'y', stroke: '#b35c00', strokeWidth: 2, className: 'bm-regression' }),
    );
  }
  return renderPlot(
    {
      width: options.width ?? 640,
      height: 380,
      grid: true,
      x: { label: options.xLabel, tickFormat: format },
      y: { label: options.yLabel, tickFormat: format },
      marks,
    },
    options,
  );
}
