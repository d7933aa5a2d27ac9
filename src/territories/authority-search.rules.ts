import type { AuthorityKind } from '../db/schema.ts';
import { normalizeFrench } from '../shared/french-text.ts';
import { candidateCodes } from './authority-lookup.ts';
import { isPostalCode } from './postal-codes.ts';

/**
 * Search of authorities by name, INSEE code, SIREN or postal code: pure, over an index built
 * once from the stored authorities (tens of thousands of short names fit in memory).
 */

export interface SearchableAuthority {
  id: number;
  kind: AuthorityKind;
  code: string;
  siren: string | null;
  name: string;
  departementCode: string | null;
  population: number | null;
}

export type MatchReason = 'code' | 'postal_code' | 'name';

export interface SearchHit {
  authority: SearchableAuthority;
  reason: MatchReason;
  /** The postal code that matched, for "code postal 01000". */
  postalCode?: string;
}

export interface SearchIndex {
  entries: readonly (SearchableAuthority & { folded: string })[];
  byCode: ReadonlyMap<string, SearchableAuthority[]>;
  postalCodes: ReadonlyMap<string, readonly string[]>;
}

/** Larger authorities first when names tie: a search for "Lyon" wants the city, then the rest. */
const KIND_ORDER: Record<AuthorityKind, number> = {
  region: 0,
  collectivite_unique: 1,
  departement: 2,
  epci: 3,
  commune: 4,
};

/** "Saint-Étienne-du-Rouvray" and "st etienne" both fold to words separated by single spaces. */
export function foldName(text: string): string {
  return normalizeFrench(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\bst\b/g, 'saint')
    .replace(/\bste\b/g, 'sainte')
    .trim();
}

export function buildSearchIndex(
  authorities: readonly SearchableAuthority[],
  postalCodes: ReadonlyMap<string, readonly string[]>,
): SearchIndex {
  const byCode = new Map<string, SearchableAuthority[]>();
  const add = (key: string, authority: SearchableAuthority) =>
    byCode.set(key, [...(byCode.get(key) ?? []), authority]);
  for (const authority of authorities) {
    add(authority.code.toUpperCase(), authority);
    if (authority.siren && authority.siren !== authority.code) add(authority.siren, authority);
  }
  return {
    entries: authorities.map((authority) => ({ ...authority, folded: foldName(authority.name) })),
    byCode,
    postalCodes,
  };
}

export function searchAuthorities(index: SearchIndex, rawQuery: string, limit = 50): SearchHit[] {
  const query = rawQuery.trim();
  if (query === '') return [];
  const hits: SearchHit[] = [];
  const seen = new Set<number>();
  const push = (hit: SearchHit) => {
    if (seen.has(hit.authority.id)) return;
    seen.add(hit.authority.id);
    hits.push(hit);
  };

  for (const code of candidateCodes(query)) {
    for (const authority of sortByImportance(index.byCode.get(code) ?? []))
      push({ authority, reason: 'code' });
  }
  const compact = query.replace(/\s+/g, '');
  if (isPostalCode(compact)) {
    const communes = (index.postalCodes.get(compact) ?? []).flatMap((code) =>
      (index.byCode.get(code) ?? []).filter((a) => a.kind === 'commune'),
    );
    for (const authority of sortByImportance(communes))
      push({ authority, reason: 'postal_code', postalCode: compact });
  }

  const folded = foldName(query);
  if (folded.length >= 2) {
    const words = folded.split(' ');
    const scored: { authority: SearchableAuthority; score: number }[] = [];
    for (const entry of index.entries) {
      const score = nameScore(entry.folded, folded, words);
      if (score !== undefined) scored.push({ authority: entry, score });
    }
    scored.sort((a, b) => a.score - b.score || compareImportance(a.authority, b.authority));
    for (const { authority } of scored) {
      if (hits.length >= limit) break;
      push({ authority: stripFolded(authority), reason: 'name' });
    }
  }
  return hits.slice(0, limit);
}

/** 0 exact name, 1 name starts with the query, 2 every word starts a word of the name, 3 contains; else no match. */
export function nameScore(name: string, query: string, words: readonly string[]): number | undefined {
  if (name === query) return 0;
  if (name.startsWith(query)) return 1;
  const nameWords = name.split(' ');
  if (words.every((word) => nameWords.some((n) => n.startsWith(word)))) return 2;
  if (name.includes(query)) return 3;
  return undefined;
}

function compareImportance(a: SearchableAuthority, b: SearchableAuthority): number {
  return (
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    (b.population ?? 0) - (a.population ?? 0) ||
    a.name.localeCompare(b.name, 'fr')
  );
}

function sortByImportance(list: readonly SearchableAuthority[]): SearchableAuthority[] {
  return [...list].sort(compareImportance);
}

function stripFolded(entry: SearchableAuthority & { folded?: string }): SearchableAuthority {
  const { folded: _folded, ...authority } = entry;
  return authority;
}
