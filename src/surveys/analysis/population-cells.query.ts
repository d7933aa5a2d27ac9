import { sql } from 'kysely';
import type { AuthorityKind } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import type { SizeBand } from '../campaign.rules.ts';

export interface PopulationCell {
  kind: AuthorityKind;
  size: SizeBand;
  regionCode: string;
  /** For reports: the région's name, or its code when the région itself is not imported. */
  regionName: string;
  authorities: number;
}

/**
 * The known population the survey is weighted to: authorities of the given kinds counted by
 * kind × size band × région, from the territories table. The bands are those of
 * campaign.rules.ts `sizeBand`, spelt in SQL so the database returns dozens of cells, not
 * 35,000 communes.
 */
export async function populationCells(
  db: Executor,
  kinds: readonly AuthorityKind[],
): Promise<PopulationCell[]> {
  if (kinds.length === 0) return [];
  const band = sql<SizeBand>`case
    when a.population is null then 'unknown'
    when a.population < 3500 then 'lt3500'
    when a.population < 20000 then '3500-19999'
    when a.population < 100000 then '20000-99999'
    else 'ge100000' end`;
  const rows = await db
    .selectFrom('authorities as a')
    .leftJoin('authorities as region', (join) =>
      join.onRef('region.code', '=', 'a.region_code').on('region.kind', '=', 'region'),
    )
    .select((eb) => [
      'a.kind',
      band.as('size'),
      'a.region_code',
      'region.name as region_name',
      eb.fn.countAll<number>().as('authorities'),
    ])
    .where('a.kind', 'in', kinds)
    .groupBy(['a.kind', band, 'a.region_code', 'region.name'])
    .execute();
  return rows.map((row) => ({
    kind: row.kind,
    size: row.size,
    regionCode: row.region_code ?? 'inconnue',
    regionName: row.region_name ?? row.region_code ?? 'inconnue',
    authorities: Number(row.authorities),
  }));
}
