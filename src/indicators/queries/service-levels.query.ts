import { sql } from 'kysely';
import { isPostgres } from '../../db/dialect.ts';
import type { Executor } from '../../db/transaction.ts';
import type { LevelCounts } from '../authority-indicators.rules.ts';

/**
 * The one pass over the edition's current assessments: per authority and theme, how many of
 * its applicable services are at each level. A service applies when the referential says so
 * for the authority's competences: the caller lists, for each distinct set of competences in
 * the panel, the services that apply, so that an assessment of a service outside the
 * authority's competences (competences changed since) never counts. Services never assessed
 * and denominators are pure arithmetic in authority-indicators.rules.ts.
 *
 * Written for a full-scale edition (two to three million assessments), where every
 * expression evaluated per row costs: a row adds 1 << (10·level) to one sum, which packs the
 * five level counts in 10-bit fields (exact below 2⁵³, in JavaScript and in PostgreSQL's
 * numeric sums, as long as a theme has fewer than 1 024 services, which the caller checks),
 * instead of five conditional sums. Service ids are inlined as IN lists of literals (one
 * lookup structure on both engines, where thousands of bound parameters would not be).
 * `cross join … where` keeps SQLite's join order (assessments first: otherwise it scanned them
 * once per authority); PostgreSQL reorders it freely.
 */

export interface ApplicableServices {
  /** Competences JSON exactly as stored in authorities.competences. */
  competencesKey: string;
  serviceIds: readonly number[];
}

export interface ThemeCounts {
  /** Services at level 2 or more. */
  digitalised: number;
  /** Services at level 4. */
  endToEnd: number;
}

export interface AuthorityLevelCounts {
  authorityId: number;
  /** Applicable services assessed, by level 0–4. */
  levels: LevelCounts;
  /** By theme key; themes without any assessed service are absent. */
  themes: Map<string, ThemeCounts>;
}

const LEVEL_BITS = 10;
/** Largest count a packed field holds: the caller refuses referentials that could exceed it. */
export const MAX_SERVICES_PER_THEME = 2 ** LEVEL_BITS - 1;

export async function serviceLevelCounts(
  db: Executor,
  editionId: number,
  applicable: readonly ApplicableServices[],
): Promise<AuthorityLevelCounts[]> {
  const sets = applicable.filter((set) => set.serviceIds.length > 0);
  if (sets.length === 0) return [];
  const applies = sql.join(
    sets.map(
      (set) =>
        sql`(a.competences = ${set.competencesKey} and ca.service_id in (${sql.join(
          set.serviceIds.map((id) => sql.lit(Math.trunc(id))),
        )}))`,
    ),
    sql` or `,
  );
  // PostgreSQL shifts a bigint to keep the 50 bits; SQLite integers are 64-bit already.
  const one = isPostgres(db) ? sql`1::bigint` : sql`1`;
  const result = await sql<{ authority_id: number; theme_key: string; levels: number | string }>`
    select ca.authority_id, s.theme_key, sum(${one} << (ca.level * ${sql.lit(LEVEL_BITS)})) as levels
    from current_assessments ca
    cross join authorities a
    cross join services s
    where ca.edition_id = ${editionId}
      and a.id = ca.authority_id
      and s.id = ca.service_id
      and (${applies})
    group by ca.authority_id, s.theme_key`.execute(db);
  const byAuthority = new Map<number, AuthorityLevelCounts>();
  for (const row of result.rows) {
    const [l0, l1, l2, l3, l4] = unpack(Number(row.levels), LEVEL_BITS, 5) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const authorityId = Number(row.authority_id);
    let counts = byAuthority.get(authorityId);
    if (!counts) {
      counts = { authorityId, levels: [0, 0, 0, 0, 0], themes: new Map() };
      byAuthority.set(authorityId, counts);
    }
    const levels = counts.levels as [number, number, number, number, number];
    levels[0] += l0;
    levels[1] += l1;
    levels[2] += l2;
    levels[3] += l3;
    levels[4] += l4;
    counts.themes.set(row.theme_key, { digitalised: l2 + l3 + l4, endToEnd: l4 });
  }
  return [...byAuthority.values()];
}

/** Splits a sum of packed fields (each below 2^bits) into `count` fields, least significant first. */
function unpack(value: number, bits: number, count: number): number[] {
  const base = 2 ** bits;
  const fields: number[] = [];
  let rest = value;
  for (let i = 0; i < count; i++) {
    fields.push(rest % base);
    rest = Math.floor(rest / base);
  }
  return fields;
}
