import type { PreviousComparability } from '../db/schema.ts';
import {
  type Applicability,
  applicabilityOf,
  authorityScores,
  type LevelCounts,
  type PortalOutcomes,
  type ReferentialShape,
} from './authority-indicators.rules.ts';
import type { AuthorityIndicators } from './indicators.types.ts';
import type { IndicatorMethod } from './method.ts';
import type { PanelAuthority } from './queries/panel.query.ts';
import type { ApplicableService, ThemeLevelCounts } from './queries/service-levels.query.ts';
import { changeOf, peerGroupOf, rankAuthorities } from './ranking.rules.ts';

/**
 * Assembles every panel authority's indicators from what the queries read: scores, then
 * ranks and percentiles across the panel, then change since the previous edition. Pure.
 */

/** The (competences, service, theme) triples that apply, for each distinct set of competences in the panel. */
export function applicableServices(
  referential: ReferentialShape,
  panel: readonly PanelAuthority[],
): ApplicableService[] {
  const seen = new Map<string, string[]>();
  for (const authority of panel) seen.set(authority.competencesKey, authority.competences);
  const result: ApplicableService[] = [];
  for (const [competencesKey, competences] of seen) {
    for (const service of referential.services) {
      if (service.appliesTo.some((kind) => competences.includes(kind))) {
        result.push({ competencesKey, serviceId: service.id, themeKey: service.themeKey });
      }
    }
  }
  return result;
}

export interface EditionIndicatorsInput {
  panel: readonly PanelAuthority[];
  referential: ReferentialShape;
  counts: readonly ThemeLevelCounts[];
  portal: ReadonlyMap<number, PortalOutcomes>;
  previous: ReadonlyMap<number, { index: number; endToEnd: number }>;
  comparability: PreviousComparability | null;
  method: IndicatorMethod;
}

export interface EditionIndicators {
  authorities: AuthorityIndicators[];
  /** Panel authorities to which no service of the referential applies: nothing to measure. */
  withoutServices: PanelAuthority[];
}

export function editionIndicators(input: EditionIndicatorsInput): EditionIndicators {
  const countsByAuthority = new Map<number, Map<string, LevelCounts>>();
  for (const row of input.counts) {
    let themes = countsByAuthority.get(row.authorityId);
    if (!themes) {
      themes = new Map();
      countsByAuthority.set(row.authorityId, themes);
    }
    themes.set(row.themeKey, row.counts);
  }
  const applicabilityByCompetences = new Map<string, Applicability>();
  const scored: Omit<
    AuthorityIndicators,
    'rank' | 'rankTotal' | 'peerRank' | 'peerTotal' | 'percentile' | 'change'
  >[] = [];
  const withoutServices: PanelAuthority[] = [];
  for (const authority of input.panel) {
    let applicability = applicabilityByCompetences.get(authority.competencesKey);
    if (!applicability) {
      applicability = applicabilityOf(input.referential, authority.competences);
      applicabilityByCompetences.set(authority.competencesKey, applicability);
    }
    if (applicability.services === 0) {
      withoutServices.push(authority);
      continue;
    }
    const scores = authorityScores({
      applicability,
      counts: countsByAuthority.get(authority.id) ?? new Map(),
      portal: input.portal.get(authority.id) ?? null,
      hasWebsite: authority.hasWebsite,
      method: input.method,
    });
    scored.push({
      authorityId: authority.id,
      code: authority.code,
      name: authority.name,
      kind: authority.kind,
      peerGroup: peerGroupOf(authority),
      population: authority.population,
      operatingRevenue: authority.operatingRevenue,
      revenueYear: authority.revenueYear,
      // A population of 0 (uninhabited communes) has no revenue per inhabitant.
      revenuePerInhabitant:
        authority.operatingRevenue !== null && authority.population !== null && authority.population > 0
          ? authority.operatingRevenue / authority.population
          : null,
      hasWebsite: authority.hasWebsite,
      ...scores,
    });
  }
  const rankings = rankAuthorities(scored);
  const authorities = scored.map((item, i) => ({
    ...item,
    ...(rankings[i] as (typeof rankings)[number]),
    change: changeOf(
      item,
      input.previous.get(item.authorityId),
      input.comparability,
      input.method.index.decimals,
    ),
  }));
  return { authorities, withoutServices };
}
