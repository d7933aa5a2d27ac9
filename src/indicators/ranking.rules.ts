import type { AuthorityKind, ChangeStatus, PreviousComparability } from '../db/schema.ts';
import { competitionRanks, percentileRanks } from './statistics/descriptive.ts';
import { type StratumKind, strataOf, stratumOf } from './strata.ts';

/**
 * Rankings, peer groups and change since the previous edition (docs/methodology.md,
 * « Classements » and « Évolution »). Pure.
 */

/** Strata by which each kind is compared: collectivités uniques exercise départements' competences. */
const STRATUM_KIND: Readonly<Record<AuthorityKind, StratumKind>> = {
  commune: 'commune',
  departement: 'departement',
  collectivite_unique: 'departement',
  epci: 'epci',
  region: 'region',
};

/**
 * The peer group « kind:stratum » of an authority, or null when it cannot be placed (missing
 * population; for régions, whose strata go by location, the code decides).
 */
export function peerGroupOf(authority: {
  kind: AuthorityKind;
  code: string;
  population: number | null;
}): string | null {
  const stratumKind = STRATUM_KIND[authority.kind];
  const stratum =
    stratumKind === 'region'
      ? stratumOf('region', null, { regionCode: authority.code })
      : stratumOf(stratumKind, authority.population);
  if (stratum === null || stratum.key === 'unknown') return null;
  return `${authority.kind}:${stratum.key}`;
}

/** The peer groups of a kind, in order, as stored (« kind:stratum ») with their short French label. */
export function peerGroupsOf(kind: AuthorityKind): { value: string; label: string }[] {
  return strataOf(STRATUM_KIND[kind]).map((s) => ({ value: `${kind}:${s.key}`, label: s.shortLabel }));
}

export interface Rankable {
  kind: AuthorityKind;
  peerGroup: string | null;
  index: number;
}

export interface Ranking {
  rank: number;
  rankTotal: number;
  peerRank: number | null;
  peerTotal: number | null;
  percentile: number;
}

/**
 * Competition ranks (« 1, 2, 2, 4 ») of the index among authorities of the same kind and within
 * the peer group, and the percentile rank within the kind. Same order as the input.
 */
export function rankAuthorities(items: readonly Rankable[]): Ranking[] {
  const result: Ranking[] = items.map(() => ({
    rank: 0,
    rankTotal: 0,
    peerRank: null,
    peerTotal: null,
    percentile: 0,
  }));
  for (const [, members] of groupIndexes(items, (item) => item.kind)) {
    const scores = members.map((i) => (items[i] as Rankable).index);
    const ranks = competitionRanks(scores);
    const percentiles = percentileRanks(scores);
    members.forEach((itemIndex, position) => {
      const ranking = result[itemIndex] as Ranking;
      ranking.rank = ranks[position] as number;
      ranking.rankTotal = members.length;
      ranking.percentile = percentiles[position] as number;
    });
  }
  for (const [group, members] of groupIndexes(items, (item) => item.peerGroup)) {
    if (group === null) continue;
    const ranks = competitionRanks(members.map((i) => (items[i] as Rankable).index));
    members.forEach((itemIndex, position) => {
      const ranking = result[itemIndex] as Ranking;
      ranking.peerRank = ranks[position] as number;
      ranking.peerTotal = members.length;
    });
  }
  return result;
}

function groupIndexes<K>(items: readonly Rankable[], key: (item: Rankable) => K): Map<K, number[]> {
  const groups = new Map<K, number[]>();
  items.forEach((item, i) => {
    const k = key(item);
    const members = groups.get(k);
    if (members) members.push(i);
    else groups.set(k, [i]);
  });
  return groups;
}

/**
 * Changes can be read only when both editions measured the same services (same referential)
 * the same way (same indicator method).
 */
export function comparabilityOf(
  current: { referentialVersion: string; methodVersion: string },
  previous: { referentialVersion: string; methodVersion: string } | null,
): PreviousComparability | null {
  if (previous === null) return null;
  if (previous.referentialVersion !== current.referentialVersion) return 'referential_changed';
  if (previous.methodVersion !== current.methodVersion) return 'method_changed';
  return 'comparable';
}

export interface Change {
  previousIndex: number | null;
  indexChange: number | null;
  previousEndToEnd: number | null;
  endToEndChange: number | null;
  status: ChangeStatus;
}

/**
 * An authority's change since the previous edition. Previous values are kept even when not
 * comparable (pages show them with the warning); differences only when comparable.
 */
export function changeOf(
  current: { index: number; endToEnd: number },
  previous: { index: number; endToEnd: number } | undefined,
  comparability: PreviousComparability | null,
  decimals: number,
): Change {
  if (comparability === null) {
    return {
      previousIndex: null,
      indexChange: null,
      previousEndToEnd: null,
      endToEndChange: null,
      status: 'none',
    };
  }
  if (previous === undefined) {
    return {
      previousIndex: null,
      indexChange: null,
      previousEndToEnd: null,
      endToEndChange: null,
      status: 'new',
    };
  }
  const comparable = comparability === 'comparable';
  // Both indexes are rounded to `decimals`: their difference is, once float noise is removed.
  const factor = 10 ** decimals;
  return {
    previousIndex: previous.index,
    indexChange: comparable ? Math.round((current.index - previous.index) * factor) / factor : null,
    previousEndToEnd: previous.endToEnd,
    endToEndChange: comparable ? current.endToEnd - previous.endToEnd : null,
    status: comparable ? 'comparable' : 'not_comparable',
  };
}
