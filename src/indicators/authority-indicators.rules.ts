import { INDEX_COMPONENTS, type IndexComponent, type IndicatorMethod } from './method.ts';

/**
 * One authority's indicators in an edition, from the counts of its current assessments by
 * level and, per theme, digitalised and end to end. Pure: the aggregation query (service-levels.query.ts) gives the counts,
 * the referential the services that apply. Definitions in docs/methodology.md « Indicateurs ».
 */

/** What the referential says applies to an authority, given its competences. */
export interface Applicability {
  /** Applicable services per theme key, in the referential's theme order; themes with none are absent. */
  servicesByTheme: ReadonlyMap<string, number>;
  services: number;
}

export interface ReferentialShape {
  themes: readonly { key: string; name: string }[];
  services: readonly { id: number; themeKey: string; appliesTo: readonly string[] }[];
}

/** Services and themes that apply to an authority with these competences. */
export function applicabilityOf(
  referential: ReferentialShape,
  competences: readonly string[],
): Applicability {
  const servicesByTheme = new Map<string, number>();
  for (const theme of referential.themes) {
    const count = referential.services.filter(
      (s) => s.themeKey === theme.key && s.appliesTo.some((kind) => competences.includes(kind)),
    ).length;
    if (count > 0) servicesByTheme.set(theme.key, count);
  }
  let services = 0;
  for (const count of servicesByTheme.values()) services += count;
  return { servicesByTheme, services };
}

/** Current assessments of one theme's applicable services, by level 0–4. */
export type LevelCounts = readonly [number, number, number, number, number];

export interface ThemeRate {
  applicable: number;
  /** Services at level 2 or more. */
  digitalised: number;
  /** Services at level 4. */
  endToEnd: number;
}

export interface PortalOutcomes {
  pass: number;
  warn: number;
  fail: number;
}

export interface AuthorityScores {
  servicesApplicable: number;
  servicesAssessed: number;
  /** Services at each level 0–4; services without an assessment count at level 0. */
  levels: [number, number, number, number, number];
  endToEnd: number;
  partial: number;
  themesApplicable: number;
  themesCovered: number;
  themeRates: Record<string, ThemeRate>;
  portalScore: number | null;
  portalChecks: number;
  index: number;
  /** True when a component was missing and the index rests on the other ones, reweighted. */
  indexPartial: boolean;
}

/** Portal quality 0–100: mean points of the conclusive checks; null without any. */
export function portalScore(
  outcomes: PortalOutcomes,
  points: IndicatorMethod['portal']['points'],
): { score: number | null; checks: number } {
  const checks = outcomes.pass + outcomes.warn + outcomes.fail;
  if (checks === 0) return { score: null, checks };
  const earned = outcomes.pass * points.pass + outcomes.warn * points.warn + outcomes.fail * points.fail;
  return { score: (100 * earned) / checks, checks };
}

/** Weighted mean of the present components (each 0–1), × 100, rounded as the method says. */
export function compositeIndex(
  components: Readonly<Record<IndexComponent, number | null>>,
  method: IndicatorMethod['index'],
): { index: number; partial: boolean } {
  let weighted = 0;
  let weights = 0;
  let partial = false;
  for (const key of INDEX_COMPONENTS) {
    const value = components[key];
    const weight = method.weights[key];
    if (value === null) {
      if (weight > 0) partial = true;
      continue;
    }
    weighted += weight * value;
    weights += weight;
  }
  const raw = weights === 0 ? 0 : (100 * weighted) / weights;
  return { index: roundTo(raw, method.decimals), partial };
}

/** Half away from zero on the decimal value, so that 62.25 → 62.3 as a reader would round it. */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round((value + Number.EPSILON * Math.sign(value)) * factor) / factor;
}

export function authorityScores(input: {
  applicability: Applicability;
  /** The authority's current assessments of applicable services, by level 0–4. */
  levels: LevelCounts;
  /** Per theme key, its services at level 2 or more and at level 4 (absent: none assessed). */
  themes: ReadonlyMap<string, { digitalised: number; endToEnd: number }>;
  /** Conclusive portal check outcomes of the latest audited site, or null without one. */
  portal: PortalOutcomes | null;
  hasWebsite: boolean;
  method: IndicatorMethod;
}): AuthorityScores {
  const [, l1, l2, l3, l4] = input.levels;
  const assessed = input.levels.reduce((sum, n) => sum + n, 0);
  if (assessed > input.applicability.services) {
    throw new RangeError(`${assessed} évaluations pour ${input.applicability.services} services applicables`);
  }
  // Applicable services never assessed count at level 0.
  const levels: [number, number, number, number, number] = [
    input.applicability.services - (l1 + l2 + l3 + l4),
    l1,
    l2,
    l3,
    l4,
  ];
  const themeRates: Record<string, ThemeRate> = {};
  let themesCovered = 0;
  for (const [theme, applicable] of input.applicability.servicesByTheme) {
    const counts = input.themes.get(theme) ?? { digitalised: 0, endToEnd: 0 };
    if (counts.digitalised > applicable) {
      throw new RangeError(
        `${counts.digitalised} services numérisés pour ${applicable} applicables (${theme})`,
      );
    }
    if (counts.digitalised > 0) themesCovered++;
    themeRates[theme] = { applicable, digitalised: counts.digitalised, endToEnd: counts.endToEnd };
  }
  const services = input.applicability.services;
  const themesApplicable = input.applicability.servicesByTheme.size;
  const portal = input.portal
    ? portalScore(input.portal, input.method.portal.points)
    : { score: null, checks: 0 };
  const partial = levels[2] + levels[3];
  const { index, partial: indexPartial } = compositeIndex(
    {
      end_to_end: services === 0 ? null : levels[4] / services,
      digitalised: services === 0 ? null : (partial + levels[4]) / services,
      themes_covered: themesApplicable === 0 ? null : themesCovered / themesApplicable,
      // No website at all: none of the portal's qualities is offered. A website never audited: unknown.
      portal_quality: portal.score !== null ? portal.score / 100 : input.hasWebsite ? null : 0,
    },
    input.method.index,
  );
  return {
    servicesApplicable: services,
    servicesAssessed: assessed,
    levels,
    endToEnd: levels[4],
    partial,
    themesApplicable,
    themesCovered,
    themeRates,
    portalScore: portal.score,
    portalChecks: portal.checks,
    index,
    indexPartial,
  };
}
