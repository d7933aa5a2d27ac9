import type { CorrelationX, CorrelationY } from './aggregates.rules.ts';
import type { AuthorityIndicators } from './indicators.types.ts';

export interface ScatterPoint {
  code: string;
  name: string;
  x: number;
  y: number;
}

const SCATTER_X: Record<CorrelationX, (a: AuthorityIndicators) => number | null> = {
  population: (a) => a.population,
  operating_revenue: (a) => a.operatingRevenue,
  revenue_per_inhabitant: (a) => a.revenuePerInhabitant,
};
const SCATTER_Y: Record<CorrelationY, (a: AuthorityIndicators) => number> = {
  end_to_end: (a) => a.endToEnd,
  index: (a) => a.index,
};

/**
 * The points of a correlation's scatter plot: the authorities with both values, as stored (the
 * correlation and its regression line are in the run's aggregates). Pure.
 */
export function scatterPoints(
  authorities: readonly AuthorityIndicators[],
  x: CorrelationX,
  y: CorrelationY,
): ScatterPoint[] {
  const points: ScatterPoint[] = [];
  for (const a of authorities) {
    const value = SCATTER_X[x](a);
    if (value !== null) points.push({ code: a.code, name: a.name, x: value, y: SCATTER_Y[y](a) });
  }
  return points;
}
