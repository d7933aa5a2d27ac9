import type { Executor } from '../db/transaction.ts';

export interface DepartementCount {
  /** INSEE code of the département ("01", "2A", "974"). */
  departementCode: string;
  /** Current assessments at level 4 (de bout en bout) of the council governing the département. */
  endToEnd: number;
  /** Current assessments of that council, at any level: 0 means not assessed yet. */
  assessed: number;
}

/**
 * Per département, the current assessments of the council that governs it: the département
 * itself, or the collectivité that replaced its council (Corse for 2A and 2B, Alsace for 67
 * and 68, the collectivités uniques of Martinique, Guyane and Mayotte). Every département is
 * listed, so the map can tell "not assessed" from "none end to end".
 */
export async function endToEndByDepartement(db: Executor, editionId: number): Promise<DepartementCount[]> {
  const rows = await db
    .selectFrom('authorities as d')
    .leftJoin('current_assessments as a', (join) =>
      join
        .on('a.edition_id', '=', editionId)
        .on((eb) => eb('a.authority_id', '=', eb.fn.coalesce('d.council_id', 'd.id'))),
    )
    .select((eb) => [
      'd.code',
      eb.fn.count<number>('a.id').as('assessed'),
      eb.fn.sum<number>(eb.case().when('a.level', '=', 4).then(1).else(0).end()).as('end_to_end'),
    ])
    .where('d.kind', '=', 'departement')
    .groupBy('d.code')
    .orderBy('d.code')
    .execute();
  return rows.map((row) => ({
    departementCode: row.code,
    endToEnd: Number(row.end_to_end ?? 0),
    assessed: Number(row.assessed),
  }));
}
