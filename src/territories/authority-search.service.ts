import type { Executor } from '../db/transaction.ts';
import {
  buildSearchIndex,
  type SearchableAuthority,
  type SearchHit,
  type SearchIndex,
  searchAuthorities,
} from './authority-search.rules.ts';
import { readCogData } from './cog-source.ts';
import { buildPostalCodeIndex } from './postal-codes.ts';

export interface AuthoritySearch {
  search(query: string, limit?: number): Promise<SearchHit[]>;
}

export interface AuthoritySearchOptions {
  /** Postal codes → INSEE codes; read from the COG package by default. */
  postalCodes?: () => ReadonlyMap<string, readonly string[]>;
  /** An import can add authorities while the server runs: the index is rebuilt after this long. */
  maxAgeMs?: number;
  now?: () => number;
}

let cogPostalCodes: Map<string, string[]> | undefined;
/** The COG's postal codes, read once per process (the communes file is large). */
export function cogPostalCodeIndex(): Map<string, string[]> {
  cogPostalCodes ??= buildPostalCodeIndex(readCogData().communes);
  return cogPostalCodes;
}

export function createAuthoritySearch(db: Executor, options: AuthoritySearchOptions = {}): AuthoritySearch {
  const maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;
  let built: { index: Promise<SearchIndex>; at: number } | undefined;

  const index = (): Promise<SearchIndex> => {
    if (!built || now() - built.at > maxAgeMs) {
      const pending = loadSearchableAuthorities(db).then((authorities) =>
        buildSearchIndex(authorities, (options.postalCodes ?? cogPostalCodeIndex)()),
      );
      // A failed load must not stay cached: the next search tries again.
      pending.catch(() => {
        if (built?.index === pending) built = undefined;
      });
      built = { index: pending, at: now() };
    }
    return built.index;
  };

  return {
    async search(query, limit) {
      return searchAuthorities(await index(), query, limit);
    },
  };
}

async function loadSearchableAuthorities(db: Executor): Promise<SearchableAuthority[]> {
  const rows = await db
    .selectFrom('authorities')
    .select(['id', 'kind', 'code', 'siren', 'name', 'departement_code', 'population'])
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    code: row.code,
    siren: row.siren,
    name: row.name,
    departementCode: row.departement_code,
    population: row.population,
  }));
}
