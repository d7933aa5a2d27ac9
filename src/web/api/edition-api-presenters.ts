import type { CorrelationAggregate, KindAggregates, Summary } from '../../indicators/aggregates.rules.ts';
import type { RankingRow } from '../../indicators/queries/ranking-page.query.ts';
import type { CorrelationResult, RegressionResult } from '../../indicators/statistics/correlation.ts';
import { kindSlug } from '../routes/kind-slugs.ts';
import { apiTerritoryPath } from './api-presenters.ts';

/** An edition's stored aggregates and ranking rows → the API's shapes (edition-api-schemas.ts). */

const presentSummary = (s: Summary) => ({
  n: s.n,
  min: s.min,
  q1: s.q1,
  median: s.median,
  q3: s.q3,
  max: s.max,
  iqr: s.iqr,
  mean: s.mean,
});

function presentCorrelation(c: CorrelationResult) {
  if (c.status !== 'ok') return { status: c.status, reason: c.reason, message: c.message };
  return {
    status: c.status,
    coefficient: c.coefficient,
    n: c.n,
    dropped: c.dropped,
    p_value: c.pValue,
    ci95: c.ci95,
  };
}

function presentRegression(r: RegressionResult) {
  if (r.status !== 'ok') return { status: r.status, reason: r.reason, message: r.message };
  return { status: r.status, slope: r.slope, intercept: r.intercept, r_squared: r.rSquared, n: r.n };
}

const presentCorrelationAggregate = (c: CorrelationAggregate) => ({
  x: c.x,
  y: c.y,
  pearson: presentCorrelation(c.pearson),
  spearman: presentCorrelation(c.spearman),
  regression: presentRegression(c.regression),
});

export function presentKindAggregates(k: KindAggregates) {
  return {
    kind: kindSlug(k.kind),
    authorities: k.authorities,
    with_website: k.withWebsite,
    engaged: k.engaged,
    end_to_end: {
      summary: presentSummary(k.endToEnd.summary),
      histogram: k.endToEnd.histogram.bins.map((b) => ({
        lower: b.lower,
        upper: b.upper,
        includes_upper: b.includesUpper,
        count: b.count,
      })),
      more_than: k.endToEnd.moreThan,
      fewer_than: k.endToEnd.fewerThan,
    },
    index: { summary: presentSummary(k.index.summary), best: k.index.best },
    coverage: {
      themes_applicable: k.coverage.themesApplicable,
      all: k.coverage.all,
      all_but_one: k.coverage.allButOne,
      middle: k.coverage.middle,
      low: k.coverage.low,
    },
    themes: k.themes.map((t) => ({
      key: t.key,
      name: t.name,
      rank: t.rank,
      authorities: t.authorities,
      covering: t.covering,
      applicable: t.applicable,
      digitalised: t.digitalised,
      end_to_end: t.endToEnd,
      rate: t.rate,
    })),
    portal: k.portal,
    correlations: k.correlations.map(presentCorrelationAggregate),
  };
}

export function presentRankingRow(r: RankingRow, year: number) {
  return {
    kind: kindSlug(r.kind),
    code: r.code,
    name: r.name,
    region_code: r.regionCode,
    departement_code: r.departementCode,
    population: r.population,
    peer_group: r.peerGroup,
    index: r.index,
    index_partial: r.indexPartial,
    rank: r.rank,
    rank_total: r.rankTotal,
    end_to_end: r.endToEnd,
    themes_covered: r.themesCovered,
    themes_applicable: r.themesApplicable,
    url: `${apiTerritoryPath(r)}/indicators?edition=${year}`,
  };
}
