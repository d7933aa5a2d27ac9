import { type RawBuilder, sql } from 'kysely';
import { isPostgres } from '../../db/dialect.ts';
import type { Executor } from '../../db/transaction.ts';
import type { LevelCounts } from '../authority-indicators.rules.ts';

/**
 * The one pass over the edition's current assessments: per authority, how many of its
 * applicable services are at each level, and per theme how many are digitalised and end to
 * end. A service applies when the referential says so for the authority's competences: the
 * caller lists, for each distinct set of competences, the services that apply, so
 * that an assessment of a service outside the authority's competences (competences changed
 * since) never counts. Services never assessed and denominators are pure arithmetic in
 * authority-indicators.rules.ts.
 *
 * Written for a full-scale edition (three and a half million assessments), where every
 * expression evaluated per row and every group costs. Counts are packed into integer fields
 * that a plain sum adds up: a row adds 1 << (10·level) to a levels word (five 10-bit fields),
 * and on PostgreSQL also a flag to its theme's « digitalised » and « end to end » fields of
 * 6 bits, eight to a word. Every field stays exact below 2⁵³ in JavaScript and PostgreSQL's
 * numeric sums as long as the limits below hold (the caller checks them).
 *
 * The two engines take different routes to the same counts:
 * - PostgreSQL groups by authority only (36 000 groups instead of 290 000 authority × theme
 *   groups, which spilled to disk and kept the plan serial). What a row adds is read from
 *   constant arrays indexed by (competences set, service, level), so that applicability and
 *   theme cost one subscript each. The subscripts are most of the difference with a bare count
 *   (sums of plain columns cost next to nothing), so the theme words are only summed over the
 *   rows that can add to them. This pass runs in parallel: 1.0 s at national scale, against 2.4 s
 *   grouped by authority and theme, and 0.7 s for a bare count per authority and level
 *   (docs/benchmarks.md).
 * - SQLite has no arrays: it groups by authority and theme, the theme joined from `services`,
 *   applicability as IN lists of literals per competences set. `cross join … where` keeps its
 *   join order (assessments first: otherwise it scanned them once per authority).
 */

export interface ApplicableServices {
  /** Competences JSON exactly as stored in authorities.competences. */
  competencesKey: string;
  /** The services that apply, with their theme. */
  services: readonly { id: number; themeKey: string }[];
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
  /** By theme key; themes without a digitalised service may be absent. */
  themes: Map<string, ThemeCounts>;
}

const LEVELS = 5;
const LEVEL_BITS = 10;
const THEME_BITS = 6;
const THEME_FIELDS_PER_WORD = 8;
/** Largest number of applicable services in one theme for one authority. */
export const MAX_SERVICES_PER_THEME = 2 ** THEME_BITS - 1;
/** Largest number of applicable services for one authority. */
export const MAX_SERVICES_PER_AUTHORITY = 2 ** LEVEL_BITS - 1;

export async function serviceLevelCounts(
  db: Executor,
  editionId: number,
  applicable: readonly ApplicableServices[],
): Promise<AuthorityLevelCounts[]> {
  const sets = applicable.filter((set) => set.services.length > 0);
  if (sets.length === 0) return [];
  return isPostgres(db)
    ? countsByAuthority(db, editionId, sets)
    : countsByAuthorityAndTheme(db, editionId, sets);
}

async function countsByAuthority(
  db: Executor,
  editionId: number,
  sets: readonly ApplicableServices[],
): Promise<AuthorityLevelCounts[]> {
  const table = contributionTable(sets);
  // Theme words add nothing below level 2 (end to end: below 4): FILTER spares those rows their
  // array subscripts, which are most of what this pass costs beyond a bare count.
  const sums = (words: number[][], name: string, levelFilter: RawBuilder<unknown>) =>
    words.map(
      (word, i) =>
        sql`sum((${word}::bigint[])[k]) filter (where ${levelFilter}) as ${sql.ref(`${name}${i}`)}`,
    );
  const result = await sql<{
    authority_id: number;
    set_index: number;
    levels: string;
    [word: string]: unknown;
  }>`
    select authority_id, min(set_index) as set_index, sum((${table.levelWords}::bigint[])[k]) as levels,
      ${sql.join([...sums(table.digitalisedWords, 'd', sql`level >= 2`), ...sums(table.endToEndWords, 'e', sql`level = 4`)])}
    from (
      select ca.authority_id, sets.set_index, ca.level,
        sets.set_index * ${sql.lit(table.span)} + (ca.service_id - ${sql.lit(table.firstId)}) * ${sql.lit(LEVELS)} + ca.level + 1 as k
      from current_assessments ca
      join authorities a on a.id = ca.authority_id
      join (values ${sql.join(sets.map((set, i) => sql`(${set.competencesKey}, ${sql.lit(i)})`))})
        as sets(competences, set_index) on sets.competences = a.competences
      where ca.edition_id = ${editionId} and ca.service_id between ${sql.lit(table.firstId)} and ${sql.lit(table.lastId)}
    ) as rows
    -- An authority has one set of competences: grouping by its set too would make the planner
    -- expect seven times the groups, and size its hash table for them (spilling to disk).
    group by authority_id`.execute(db);
  const digitalisedColumns = table.digitalisedWords.map((_, i) => `d${i}`);
  const endToEndColumns = table.endToEndWords.map((_, i) => `e${i}`);
  const themeKeysBySet = sets.map((set) => table.themeOrder.get(set) ?? []);
  return result.rows.map((row) => {
    const themeKeys = themeKeysBySet[Number(row.set_index)] as string[];
    // A sum over no row (no service at that level) is null: Number(null) is 0.
    const digitalisedWords = digitalisedColumns.map((column) => Number(row[column]));
    const endToEndWords = endToEndColumns.map((column) => Number(row[column]));
    const themes = new Map<string, ThemeCounts>();
    for (let t = 0; t < themeKeys.length; t++) {
      const digitalised = themeField(digitalisedWords, t);
      if (digitalised > 0) {
        themes.set(themeKeys[t] as string, { digitalised, endToEnd: themeField(endToEndWords, t) });
      }
    }
    return {
      authorityId: Number(row.authority_id),
      levels: unpack(Number(row.levels), LEVEL_BITS, LEVELS) as unknown as LevelCounts,
      themes,
    };
  });
}

/** Theme `theme`'s field in its words (digitalised or end to end). */
function themeField(words: readonly number[], theme: number): number {
  const word = words[Math.floor(theme / THEME_FIELDS_PER_WORD)] as number;
  return Math.floor(word / 2 ** (THEME_BITS * (theme % THEME_FIELDS_PER_WORD))) % 2 ** THEME_BITS;
}

/**
 * What one assessment adds to each sum, by (competences set, service, level): arrays indexed
 * from 1 by set · span + (service id − first id) · 5 + level. Services that do not apply to a
 * set add nothing, which is how applicability is checked. A theme's « digitalised » count is its
 * field in the digitalised words, its « end to end » count its field in the end-to-end words
 * (theme t: word ⌊t / 8⌋, field t mod 8).
 */
function contributionTable(sets: readonly ApplicableServices[]) {
  const ids = sets.flatMap((set) => set.services.map((s) => s.id));
  const firstId = Math.min(...ids);
  const lastId = Math.max(...ids);
  const span = (lastId - firstId + 1) * LEVELS;
  const themeOrder = new Map(sets.map((set) => [set, [...new Set(set.services.map((s) => s.themeKey))]]));
  const wordCount = Math.ceil(
    Math.max(...[...themeOrder.values()].map((t) => t.length)) / THEME_FIELDS_PER_WORD,
  );
  const emptyWords = () =>
    Array.from({ length: wordCount }, () => new Array<number>(sets.length * span).fill(0));
  const levelWords = new Array<number>(sets.length * span).fill(0);
  const digitalisedWords = emptyWords();
  const endToEndWords = emptyWords();
  const addField = (words: number[][], theme: number, index: number) => {
    (words[Math.floor(theme / THEME_FIELDS_PER_WORD)] as number[])[index] =
      2 ** (THEME_BITS * (theme % THEME_FIELDS_PER_WORD));
  };
  sets.forEach((set, setIndex) => {
    const themes = themeOrder.get(set) ?? [];
    for (const service of set.services) {
      const theme = themes.indexOf(service.themeKey);
      for (let level = 0; level < LEVELS; level++) {
        const index = setIndex * span + (service.id - firstId) * LEVELS + level;
        levelWords[index] = 2 ** (LEVEL_BITS * level);
        if (level >= 2) addField(digitalisedWords, theme, index);
        if (level === 4) addField(endToEndWords, theme, index);
      }
    }
  });
  return { firstId, lastId, span, themeOrder, levelWords, digitalisedWords, endToEndWords };
}

async function countsByAuthorityAndTheme(
  db: Executor,
  editionId: number,
  sets: readonly ApplicableServices[],
): Promise<AuthorityLevelCounts[]> {
  const applies = sql.join(
    sets.map(
      (set) =>
        sql`(a.competences = ${set.competencesKey} and ca.service_id in (${sql.join(
          set.services.map((s) => sql.lit(Math.trunc(s.id))),
        )}))`,
    ),
    sql` or `,
  );
  const result = await sql<{ authority_id: number; theme_key: string; levels: number }>`
    select ca.authority_id, s.theme_key, sum(1 << (ca.level * ${sql.lit(LEVEL_BITS)})) as levels
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
    const [l0, l1, l2, l3, l4] = unpack(Number(row.levels), LEVEL_BITS, LEVELS) as [
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
