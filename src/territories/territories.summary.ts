import type { AuthorityKind } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

export interface TerritoriesSummaryRow {
  kind: AuthorityKind;
  authorities: number;
  withWebsite: number;
  withFinances: number;
  withPopulation: number;
}

/** Per kind of authority: how many there are and how many have a website, finances, a population. */
export async function summarizeTerritories(db: Executor): Promise<TerritoriesSummaryRow[]> {
  const rows = await db
    .selectFrom('authorities as a')
    .select((eb) => [
      'a.kind',
      eb.fn.countAll<number>().as('authorities'),
      eb.fn.count<number>('a.population').as('with_population'),
      eb.fn
        .count<number>(
          eb
            .selectFrom('authority_websites as w')
            .select('w.id')
            .whereRef('w.authority_id', '=', 'a.id')
            .where('w.retired_at', 'is', null)
            .limit(1),
        )
        .as('with_website'),
      eb.fn
        .count<number>(
          eb
            .selectFrom('authority_finances as f')
            .select('f.id')
            .whereRef('f.authority_id', '=', 'a.id')
            .limit(1),
        )
        .as('with_finances'),
    ])
    .groupBy('a.kind')
    .execute();
  return rows.map((row) => ({
    kind: row.kind,
    authorities: Number(row.authorities),
    withWebsite: Number(row.with_website),
    withFinances: Number(row.with_finances),
    withPopulation: Number(row.with_population),
  }));
}
