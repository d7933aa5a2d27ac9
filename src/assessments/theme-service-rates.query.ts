import type { AuthorityKind } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

export interface ServiceRate {
  serviceKey: string;
  serviceName: string;
  /** Authorities of the kind with a current assessment of the service. */
  assessed: number;
  /** Of those, at level 2 or more. */
  digitalised: number;
  /** Of those, at level 4. */
  endToEnd: number;
}

/**
 * The services of one theme of the edition's referential, in order, with how many authorities
 * of a kind have them assessed, digitalised (level ≥ 2) and end to end: one grouped query.
 * Services nobody assessed are listed with zeros.
 */
export async function themeServiceRates(
  db: Executor,
  input: { editionId: number; referentialVersion: string; themeKey: string; kind: AuthorityKind },
): Promise<ServiceRate[]> {
  const rows = await db
    .selectFrom('services as s')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('current_assessments as ca')
          .innerJoin('authorities as a', 'a.id', 'ca.authority_id')
          .select(['ca.service_id', 'ca.level'])
          .where('ca.edition_id', '=', input.editionId)
          .where('a.kind', '=', input.kind)
          .as('ca'),
      (join) => join.onRef('ca.service_id', '=', 's.id'),
    )
    .select((eb) => [
      's.key',
      's.name',
      eb.fn.count<number>('ca.level').as('assessed'),
      eb.fn.sum<number>(eb.case().when('ca.level', '>=', 2).then(1).else(0).end()).as('digitalised'),
      eb.fn.sum<number>(eb.case().when('ca.level', '=', 4).then(1).else(0).end()).as('end_to_end'),
    ])
    .where('s.referential_version', '=', input.referentialVersion)
    .where('s.theme_key', '=', input.themeKey)
    .groupBy(['s.id', 's.key', 's.name', 's.position'])
    .orderBy('s.position')
    .execute();
  return rows.map((row) => ({
    serviceKey: row.key,
    serviceName: row.name,
    assessed: Number(row.assessed),
    digitalised: Number(row.digitalised ?? 0),
    endToEnd: Number(row.end_to_end ?? 0),
  }));
}
