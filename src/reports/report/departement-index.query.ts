import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';

export interface DepartementIndexRow {
  code: string;
  name: string;
  /** Panel authorities located in the département (the département itself included). */
  authorities: number;
  meanIndex: number | null;
}

/**
 * Mean index of an edition's panel authorities by département, for the report's map: every
 * département is listed (by name), with null where no authority of the panel lies in it.
 * Régions and EPCI have no département of their own and are left out of the map.
 */
export async function departementIndexes(db: Executor, editionId: number): Promise<DepartementIndexRow[]> {
  const departementOf = sql<string>`coalesce(a.departement_code, case when a.kind = 'departement' then a.code end)`;
  const [means, departements] = await Promise.all([
    db
      .selectFrom('authority_indicators as i')
      .innerJoin('authorities as a', 'a.id', 'i.authority_id')
      .select([departementOf.as('code'), (eb) => eb.fn.countAll<number>().as('authorities')])
      .select(sql<number>`avg(i.index_score)`.as('mean_index'))
      .where('i.edition_id', '=', editionId)
      .where(departementOf, 'is not', null)
      .groupBy(departementOf)
      .execute(),
    db
      .selectFrom('authorities')
      .select(['code', 'name'])
      .where('kind', '=', 'departement')
      .orderBy('code')
      .execute(),
  ]);
  // PostgreSQL returns count and avg as strings.
  const byCode = new Map(
    means.map((m) => [m.code, { n: Number(m.authorities), mean: Number(m.mean_index) }]),
  );
  return departements.map((d) => {
    const found = byCode.get(d.code);
    return { code: d.code, name: d.name, authorities: found?.n ?? 0, meanIndex: found ? found.mean : null };
  });
}
