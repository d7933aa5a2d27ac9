import type { PreviousComparability } from '../db/schema.ts';
import {
  type Applicability,
  applicabilityOf,
  authorityScores,
  type PortalOutcomes,
  type ReferentialShape,
} from './authority-indicators.rules.ts';
import type { AuthorityIndicators } from './indicators.types.ts';
import type { IndicatorMethod } from './method.ts';
import type { PanelAuthority } from './queries/panel.query.ts';
import {
  type ApplicableServices,
  type AuthorityLevelCounts,
  MAX_SERVICES_PER_AUTHORITY,
  MAX_SERVICES_PER_THEME,
} from './queries/service-levels.query.ts';
import { changeOf, peerGroupOf, rankAuthorities } from './ranking.rules.ts';

/**
 * Assembles every panel authority's indicators from what the queries read: scores, then
 * ranks and percentiles across the panel, then change since the previous edition. Pure.
 */

/** For each distinct set of competences among `authorities`, the services that apply. */
export function applicableServices(
  referential: ReferentialShape,
  authorities: readonly { competencesKey: string; competences: readonly string[] }[],
): ApplicableServices[] {
  const seen = new Map<string, readonly string[]>();
  for (const authority of authorities) seen.set(authority.competencesKey, authority.competences);
  return [...seen].map(([competencesKey, competences]) => {
    const applicability = applicabilityOf(referential, competences);
    // The aggregation query packs counts into integer fields of bounded width.
    const largestTheme = Math.max(0, ...applicability.servicesByTheme.values());
    if (largestTheme > MAX_SERVICES_PER_THEME || applicability.services > MAX_SERVICES_PER_AUTHORITY) {
      throw new RangeError(
        `Référentiel trop grand pour le calcul des indicateurs : ${applicability.services} services dont ${largestTheme} dans une thématique (au plus ${MAX_SERVICES_PER_AUTHORITY}, dont ${MAX_SERVICES_PER_THEME} par thématique).`,
      );
    }
    return {
      competencesKey,
      services: referential.services
        .filter((service) => service.appliesTo.some((kind) => competences.includes(kind)))
        .map((service) => ({ id: service.id, themeKey: service.themeKey })),
    };
  });
}

export interface EditionIndicatorsInput {
  panel: readonly PanelAuthority[];
  referential: ReferentialShape;
  counts: readonly AuthorityLevelCounts[];
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
  const countsByAuthority = new Map(input.counts.map((row) => [row.authorityId, row]));
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
    const counts = countsByAuthority.get(authority.id);
    const scores = authorityScores({
      applicability,
      levels: counts?.levels ?? [0, 0, 0, 0, 0],
      themes: counts?.themes ?? new Map(),
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
  // The literal starts with a named property on purpose: in V8, one that starts with a spread of
  // an object this size and then adds properties gets a hidden class of its own, one per
  // authority, and every later pass over them (aggregates, rows to store) ran several times slower.
  const authorities = scored.map((item, i) => ({
    change: changeOf(
      item,
      input.previous.get(item.authorityId),
      input.comparability,
      input.method.index.decimals,
    ),
    ...item,
    ...(rankings[i] as (typeof rankings)[number]),
  }));
  return { authorities, withoutServices };
}
