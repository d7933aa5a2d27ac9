import { AUTHORITY_KINDS, type AuthorityKind } from '../db/schema.ts';
import type { AuthorityIndicators } from './indicators.types.ts';
import type { IndicatorMethod } from './method.ts';
import {
  type CorrelationResult,
  pearson,
  type RegressionResult,
  regressionLine,
  spearman,
} from './statistics/correlation.ts';
import {
  competitionRanks,
  type Histogram,
  histogram,
  mean,
  type Quartiles,
  quartiles,
} from './statistics/descriptive.ts';

/**
 * An edition's aggregates, per kind of authority (docs/methodology.md, « Agrégats ») —
 * distributions, theme coverage and ranking, correlations — from the authorities' indicators.
 * Pure; stored with the run as JSON so that pages, exports and reports read the same figures.
 */

export interface Summary extends Quartiles {
  mean: number;
}

export interface ThresholdCount {
  threshold: number;
  count: number;
}

export interface ThemeAggregate {
  key: string;
  name: string;
  /** Competition rank by digitalisation rate, 1 = most digitalised. */
  rank: number;
  /** Authorities to which the theme applies. */
  authorities: number;
  /** Of those, authorities with at least one of its services at level 2 or more. */
  covering: number;
  /** Applicable (authority, service) pairs, and those digitalised (level ≥ 2) or end to end. */
  applicable: number;
  digitalised: number;
  endToEnd: number;
  /** digitalised / applicable, 0–1. */
  rate: number;
}

export type CorrelationX = 'population' | 'operating_revenue' | 'revenue_per_inhabitant';
export type CorrelationY = 'end_to_end' | 'index';
export const CORRELATION_XS: readonly CorrelationX[] = [
  'population',
  'operating_revenue',
  'revenue_per_inhabitant',
];
export const CORRELATION_YS: readonly CorrelationY[] = ['end_to_end', 'index'];

export interface CorrelationAggregate {
  x: CorrelationX;
  y: CorrelationY;
  pearson: CorrelationResult;
  spearman: CorrelationResult;
  /** Least-squares line of y on x, for the scatter plot (its points are the authorities' rows). */
  regression: RegressionResult;
}

export interface KindAggregates {
  kind: AuthorityKind;
  authorities: number;
  withWebsite: number;
  withPopulation: number;
  /** Authorities with an operating revenue of the edition's year or before. */
  withRevenue: number;
  /** Authorities with at least one service at level 2 or more. */
  engaged: number;
  /** Fewest and most services that apply to one authority of this kind. */
  servicesApplicable: { min: number; max: number };
  endToEnd: {
    summary: Summary;
    histogram: Histogram;
    moreThan: ThresholdCount[];
    fewerThan: ThresholdCount[];
  };
  coverage: {
    /** Themes that apply, when it is the same number for every authority of the kind. */
    themesApplicable: number | null;
    /** All applicable themes covered. */
    all: number;
    /** All but one at most (« au moins six des sept »). */
    allButOne: number;
    /** From two to all but two (« de deux à cinq »). */
    middle: number;
    /** None or one. */
    low: number;
  };
  themes: ThemeAggregate[];
  index: { summary: Summary; best: { code: string; name: string; index: number }[] };
  portal: { mean: number | null; n: number };
  correlations: CorrelationAggregate[];
}

export interface EditionAggregates {
  kinds: KindAggregates[];
}

export function editionAggregates(
  authorities: readonly AuthorityIndicators[],
  themes: readonly { key: string; name: string }[],
  method: IndicatorMethod,
): EditionAggregates {
  const kinds: KindAggregates[] = [];
  for (const kind of AUTHORITY_KINDS) {
    const members = authorities.filter((a) => a.kind === kind);
    if (members.length > 0) kinds.push(kindAggregates(kind, members, themes, method));
  }
  return { kinds };
}

function summary(values: readonly number[]): Summary {
  return { ...(quartiles(values) as Quartiles), mean: mean(values) as number };
}

export function kindAggregates(
  kind: AuthorityKind,
  members: readonly AuthorityIndicators[],
  themes: readonly { key: string; name: string }[],
  method: IndicatorMethod,
): KindAggregates {
  const endToEnd = members.map((a) => a.endToEnd);
  const applicable = members.map((a) => a.servicesApplicable);
  const maxApplicable = Math.max(...applicable);
  const width = method.distribution.bin_width;
  const bins = Math.max(1, Math.ceil(maxApplicable / width));
  const edges = Array.from({ length: bins + 1 }, (_, i) => i * width);
  const themeCounts = new Set(members.map((a) => a.themesApplicable));
  const portalScores = members.map((a) => a.portalScore).filter((s): s is number => s !== null);
  const indexes = members.map((a) => a.index);
  const bestIndex = Math.max(...indexes);
  return {
    kind,
    authorities: members.length,
    withWebsite: members.filter((a) => a.hasWebsite).length,
    withPopulation: members.filter((a) => a.population !== null).length,
    withRevenue: members.filter((a) => a.operatingRevenue !== null).length,
    engaged: members.filter((a) => a.partial + a.endToEnd > 0).length,
    servicesApplicable: { min: Math.min(...applicable), max: maxApplicable },
    endToEnd: {
      summary: summary(endToEnd),
      histogram: histogram(endToEnd, edges),
      moreThan: method.distribution.more_than.map((t) => ({
        threshold: t,
        count: endToEnd.filter((n) => n > t).length,
      })),
      fewerThan: method.distribution.fewer_than.map((t) => ({
        threshold: t,
        count: endToEnd.filter((n) => n < t).length,
      })),
    },
    coverage: {
      themesApplicable: themeCounts.size === 1 ? ([...themeCounts][0] as number) : null,
      all: members.filter((a) => a.themesCovered === a.themesApplicable).length,
      allButOne: members.filter((a) => a.themesCovered >= a.themesApplicable - 1).length,
      middle: members.filter((a) => a.themesCovered >= 2 && a.themesCovered <= a.themesApplicable - 2).length,
      low: members.filter((a) => a.themesCovered <= 1 && a.themesCovered < a.themesApplicable - 1).length,
    },
    themes: themeRanking(members, themes),
    index: {
      summary: summary(indexes),
      best: members
        .filter((a) => a.index === bestIndex)
        .map((a) => ({ code: a.code, name: a.name, index: a.index })),
    },
    portal: { mean: mean(portalScores), n: portalScores.length },
    correlations: correlations(members),
  };
}

/** Themes from most to least digitalised: share of the applicable services at level 2 or more. */
function themeRanking(
  members: readonly AuthorityIndicators[],
  themes: readonly { key: string; name: string }[],
): ThemeAggregate[] {
  // One pass over the authorities (tens of thousands of communes), not one per theme.
  const totals = new Map(
    themes.map((t) => [
      t.key,
      {
        key: t.key,
        name: t.name,
        authorities: 0,
        covering: 0,
        applicable: 0,
        digitalised: 0,
        endToEnd: 0,
        rate: 0,
      },
    ]),
  );
  for (const member of members) {
    for (const key in member.themeRates) {
      const rate = member.themeRates[key] as AuthorityIndicators['themeRates'][string];
      const row = totals.get(key);
      if (row === undefined) continue;
      row.authorities++;
      if (rate.digitalised > 0) row.covering++;
      row.applicable += rate.applicable;
      row.digitalised += rate.digitalised;
      row.endToEnd += rate.endToEnd;
    }
  }
  const rows = [...totals.values()].filter((row) => row.authorities > 0);
  for (const row of rows) row.rate = row.digitalised / row.applicable;
  // Ranked on the whole percentage findings show, so that visible ties are ties.
  const ranks = competitionRanks(rows.map((r) => Math.round(r.rate * 100)));
  return rows
    .map((row, i) => ({ ...row, rank: ranks[i] as number }))
    .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name, 'fr'));
}

function correlations(members: readonly AuthorityIndicators[]): CorrelationAggregate[] {
  const xs: Record<CorrelationX, (number | null)[]> = {
    population: members.map((a) => a.population),
    operating_revenue: members.map((a) => a.operatingRevenue),
    revenue_per_inhabitant: members.map((a) => a.revenuePerInhabitant),
  };
  const ys: Record<CorrelationY, number[]> = {
    end_to_end: members.map((a) => a.endToEnd),
    index: members.map((a) => a.index),
  };
  const result: CorrelationAggregate[] = [];
  for (const y of CORRELATION_YS) {
    for (const x of CORRELATION_XS) {
      result.push({
        x,
        y,
        pearson: pearson(xs[x], ys[y]),
        spearman: spearman(xs[x], ys[y]),
        regression: regressionLine(xs[x], ys[y]),
      });
    }
  }
  return result;
}
