import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';
import type { LevelCounts } from '../authority-indicators.rules.ts';

/**
 * The one pass over the edition's current assessments: per authority and theme, how many of
 * its applicable services are at each level. A service applies when the referential says so
 * for the authority's competences; the caller lists the (competences, service, theme) triples
 * that apply, joined here as a small VALUES table, so that an assessment of a service outside
 * the authority's competences (competences changed since) never counts. Everything else —
 * services never assessed, denominators — is pure arithmetic in authority-indicators.rules.ts.
 */

export interface ApplicableService {
  /** Competences JSON exactly as stored in authorities.competences. */
  competencesKey: string;
  serviceId: number;
  themeKey: string;
}

export interface ThemeLevelCounts {
  authorityId: number;
  themeKey: string;
  counts: LevelCounts;
}

export async function serviceLevelCounts(
  db: Executor,
  editionId: number,
  applicable: readonly ApplicableService[],
): Promise<ThemeLevelCounts[]> {
  if (applicable.length === 0) return [];
  // Service ids are integers of ours, inlined as literals: PostgreSQL would type a bound
  // parameter in VALUES as text and refuse to compare it with an integer column.
  const values = sql.join(
    applicable.map((a) => sql`(${a.competencesKey}, ${sql.lit(Math.trunc(a.serviceId))}, ${a.themeKey})`),
  );
  const level = (n: number) => sql<number>`sum(case when ca.level = ${sql.lit(n)} then 1 else 0 end)`;
  const result = await sql<{
    authority_id: number;
    theme_key: string;
    l0: number;
    l1: number;
    l2: number;
    l3: number;
    l4: number;
  }>`
    with applicable (competences, service_id, theme_key) as (values ${values})
    select ca.authority_id, ap.theme_key,
      ${level(0)} as l0, ${level(1)} as l1, ${level(2)} as l2, ${level(3)} as l3, ${level(4)} as l4
    from current_assessments ca
    join authorities a on a.id = ca.authority_id
    join applicable ap on ap.service_id = ca.service_id and ap.competences = a.competences
    where ca.edition_id = ${editionId}
    group by ca.authority_id, ap.theme_key`.execute(db);
  return result.rows.map((row) => ({
    authorityId: row.authority_id,
    themeKey: row.theme_key,
    counts: [Number(row.l0), Number(row.l1), Number(row.l2), Number(row.l3), Number(row.l4)],
  }));
}
