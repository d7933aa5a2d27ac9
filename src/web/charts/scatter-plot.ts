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
  /** Per axis, overriding `decimals`: counts on y want whole ticks, amounts on x none. */
  xDecimals?: number;
  yDecimals?: number;
  width?: number;
}

/** Points with the least-squares line drawn across the range of x. */
export function scatterPlot(options: ScatterPlotOptions): string {
  const decimals = options.decimals ?? 1;
  const xDecimals = options.xDecimals ?? decimals;
  const yDecimals = options.yDecimals ?? decimals;
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
      // Few ticks on x: amounts in euros are long once written out in French.
      x: { label: options.xLabel, tickFormat: (v: number) => formatDecimal(v, xDecimals), ticks: 5 },
      // Whole-number axes get whole ticks only, never « 1 1 2 2 » from rounded halves.
      y: {
        label: options.yLabel,
        tickFormat: (v: number) => formatDecimal(v, yDecimals),
        ...(yDecimals === 0 ? { ticks: wholeTicks(options.points.map((point) => point.y)) } : {}),
      },
      marks,
    },
    options,
  );
}

/** At most about eight whole-number ticks covering the values. */
function wholeTicks(values: readonly number[]): number[] {
  if (values.length === 0) return [];
  const low = Math.floor(Math.min(0, ...values));
  const high = Math.ceil(Math.max(...values));
  const step = Math.max(1, Math.ceil((high - low) / 8));
  const ticks: number[] = [];
  for (let tick = low; tick <= high; tick += step) ticks.push(tick);
  return ticks;
}
