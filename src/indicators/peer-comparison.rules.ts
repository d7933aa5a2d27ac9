import type { AuthorityIndicators } from './indicators.types.ts';
import { type Quartiles, quartiles } from './statistics/descriptive.ts';
import { type StratumKind, strataOf } from './strata.ts';

/**
 * « Comment votre collectivité se situe-t-elle ? »: each headline indicator of an authority
 * against the distribution of its peer group (same kind and population stratum), from the
 * peers' stored indicators. Pure. Without a peer group (unknown population), the authority is
 * compared with every authority of its kind, and the result says so.
 */

export type ComparedIndicator = 'index' | 'end_to_end' | 'partial' | 'themes_covered' | 'portal_score';

export const COMPARED_INDICATORS: readonly { key: ComparedIndicator; label: string; decimals: number }[] = [
  { key: 'index', label: 'Indice de numérisation (sur 100)', decimals: 1 },
  { key: 'end_to_end', label: 'Services de bout en bout', decimals: 0 },
  { key: 'partial', label: 'Services partiellement en ligne', decimals: 0 },
  { key: 'themes_covered', label: 'Thématiques couvertes', decimals: 0 },
  { key: 'portal_score', label: 'Qualité du portail (sur 100)', decimals: 0 },
];

const VALUE_OF: Record<ComparedIndicator, (a: AuthorityIndicators) => number | null> = {
  index: (a) => a.index,
  end_to_end: (a) => a.endToEnd,
  partial: (a) => a.partial,
  themes_covered: (a) => a.themesCovered,
  portal_score: (a) => a.portalScore,
};

export type Position = 'below' | 'within' | 'above';

export interface IndicatorComparison {
  key: ComparedIndicator;
  label: string;
  decimals: number;
  /** Null when the authority has no value (no conclusive portal check). */
  value: number | null;
  /** Null when no peer has a value. */
  peers: Quartiles | null;
  /** Below the first quartile, between the quartiles, above the third; null without both. */
  position: Position | null;
}

export interface PeerComparison {
  /** « kind:stratum », or null when compared with the whole kind. */
  peerGroup: string | null;
  /** Authorities compared with, the authority included. */
  size: number;
  indicators: IndicatorComparison[];
}

export function peerComparison(
  authority: AuthorityIndicators,
  everyone: readonly AuthorityIndicators[],
): PeerComparison {
  const { size, summaries } = peerSummaries(everyone, authority.kind, authority.peerGroup);
  return {
    peerGroup: authority.peerGroup,
    size,
    indicators: COMPARED_INDICATORS.map(({ key, label, decimals }, at) => {
      const value = VALUE_OF[key](authority);
      const summary = summaries[at] ?? null;
      return { key, label, decimals, value, peers: summary, position: positionOf(value, summary) };
    }),
  };
}

type PeerSummaries = { size: number; summaries: (Quartiles | null)[] };

/**
 * The quartiles depend on the peers only, not on the authority compared: they are kept per list
 * of peers (callers that cache that list, as the web does per edition, sort thousands of values
 * once rather than on every scorecard). The lists are read-only, and the key is the list itself.
 */
const summariesOf = new WeakMap<readonly AuthorityIndicators[], Map<string, PeerSummaries>>();

function peerSummaries(
  everyone: readonly AuthorityIndicators[],
  kind: AuthorityIndicators['kind'],
  peerGroup: string | null,
): PeerSummaries {
  let known = summariesOf.get(everyone);
  if (!known) {
    known = new Map();
    summariesOf.set(everyone, known);
  }
  const key = `${kind}|${peerGroup ?? ''}`;
  const found = known.get(key);
  if (found) return found;
  const peers = everyone.filter((a) => a.kind === kind && (peerGroup === null || a.peerGroup === peerGroup));
  const computed = {
    size: peers.length,
    summaries: COMPARED_INDICATORS.map(({ key }) => quartiles(peers.map(VALUE_OF[key]))),
  };
  known.set(key, computed);
  return computed;
}

function positionOf(value: number | null, summary: Quartiles | null): Position | null {
  if (value === null || summary === null) return null;
  if (value < summary.q1) return 'below';
  if (value > summary.q3) return 'above';
  return 'within';
}

export interface ThemePerformer {
  code: string;
  name: string;
  kind: AuthorityIndicators['kind'];
  /** Services of the theme at level 2 or more, of those that apply. */
  digitalised: number;
  applicable: number;
  endToEnd: number;
}

/**
 * Best performers of a theme: the authorities with the most of its services at level 2 or more
 * (ties broken by end-to-end services, then name), at least one, `limit` at most.
 */
export function themePerformers(
  authorities: readonly AuthorityIndicators[],
  themeKey: string,
  limit = 10,
): ThemePerformer[] {
  const rows: ThemePerformer[] = [];
  for (const a of authorities) {
    const rate = a.themeRates[themeKey];
    if (rate === undefined || rate.digitalised === 0) continue;
    rows.push({ code: a.code, name: a.name, kind: a.kind, ...rate });
  }
  return rows
    .sort(
      (a, b) =>
        b.digitalised - a.digitalised || b.endToEnd - a.endToEnd || a.name.localeCompare(b.name, 'fr'),
    )
    .slice(0, limit);
}

/** « Départements de 250 000 à 499 999 habitants » for « departement:… »; null when unknown. */
export function peerGroupLabel(peerGroup: string | null): string | null {
  if (peerGroup === null) return null;
  const [kind, key] = peerGroup.split(':');
  // Collectivités uniques are compared with départements' strata (ranking.rules.ts).
  const stratumKind = kind === 'collectivite_unique' ? 'departement' : kind;
  if (!isStratumKind(stratumKind)) return null;
  return strataOf(stratumKind).find((s) => s.key === key)?.label ?? null;
}

function isStratumKind(kind: string | undefined): kind is StratumKind {
  return kind === 'commune' || kind === 'departement' || kind === 'epci' || kind === 'region';
}
