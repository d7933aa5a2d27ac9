import type { Executor } from '../db/transaction.ts';

export interface DepartementCount {
  /** INSEE code of the département ("01", "2A", "974"). */
  departementCode: string;
  /** Current assessments at level 4 (de bout en bout). */
  endToEnd: number;
  /** Current assessments at any level: 0 means not assessed yet. */
  assessed: number;
}

/**
 * Per département, its current assessments at level 4 and in all. An audit records them on the
 * département itself, including when another collectivité governs it (the sites of Corse,
 * Alsace or Martinique are audited once and recorded for each département they serve); a
 * département with none of its own takes those of its council, when that council was assessed.
 * Every département is listed, so the map can tell "not assessed" from "none end to end".
 */
export async function endToEndByDepartement(db: Executor, editionId: number): Promise<DepartementCount[]> {
  const rows = await db
    .with('counts', (qb) =>
      qb
        .selectFrom('current_assessments as a')
        .select((eb) => [
          'a.authority_id',
          eb.fn.countAll<number>().as('assessed'),
          eb.fn.sum<number>(eb.case().when('a.level', '=', 4).then(1).else(0).end()).as('end_to_end'),
        ])
        .where('a.edition_id', '=', editionId)
        .groupBy('a.authority_id'),
    )
    .selectFrom('authorities as d')
    .leftJoin('counts as own', 'own.authority_id', 'd.id')
    .leftJoin('counts as council', 'council.authority_id', 'd.council_id')
    .select([
      'd.code',
      'own.assessed as own_assessed',
      'own.end_to_end as own_end_to_end',
      'council.assessed as council_assessed',
      'council.end_to_end as council_end_to_end',
    ])
    .where('d.kind', '=', 'departement')
    .orderBy('d.code')
    .execute();
  return rows.map((row) => {
    const own = Number(row.own_assessed ?? 0) > 0;
    return {
      departementCode: row.code,
      assessed: Number((own ? row.own_assessed : row.council_assessed) ?? 0),
      endToEnd: Number((own ? row.own_end_to_end : row.council_end_to_end) ?? 0),
    };
  });
}
