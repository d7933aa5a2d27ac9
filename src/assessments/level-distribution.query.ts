import type { Executor } from '../db/transaction.ts';

/** How many current assessments of an edition are at each level (0 to 4, zeros included). */
export async function levelDistribution(
  db: Executor,
  editionId: number,
): Promise<{ level: number; count: number }[]> {
  const rows = await db
    .selectFrom('current_assessments')
    .select(['level', (eb) => eb.fn.countAll<number>().as('count')])
    .where('edition_id', '=', editionId)
    .groupBy('level')
    .execute();
  const counts = new Map(rows.map((row) => [row.level, Number(row.count)]));
  return [0, 1, 2, 3, 4].map((level) => ({ level, count: counts.get(level) ?? 0 }));
}
