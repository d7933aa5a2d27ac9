import type { Executor } from '../../db/transaction.ts';

export interface ObservedDigitalisation {
  authorityId: number;
  editionYear: number;
  servicesApplicable: number;
  endToEnd: number;
  /** Composite index 0–100. */
  index: number;
}

/**
 * What the audit observed of these authorities: their stored indicators in the latest edition
 * that computed any for them. Authorities never audited are absent.
 */
export async function observedDigitalisation(
  db: Executor,
  authorityIds: readonly number[],
): Promise<ObservedDigitalisation[]> {
  if (authorityIds.length === 0) return [];
  const rows = await db
    .selectFrom('authority_indicators as i')
    .innerJoin('editions as e', 'e.id', 'i.edition_id')
    .select(['i.authority_id', 'e.year', 'i.services_applicable', 'i.end_to_end', 'i.index_score'])
    .where('i.authority_id', 'in', [...new Set(authorityIds)])
    .where(({ eb, selectFrom }) =>
      eb(
        'e.year',
        '=',
        selectFrom('authority_indicators as later')
          .innerJoin('editions as le', 'le.id', 'later.edition_id')
          .select(({ fn }) => fn.max('le.year').as('year'))
          .whereRef('later.authority_id', '=', 'i.authority_id'),
      ),
    )
    .execute();
  return rows.map((row) => ({
    authorityId: row.authority_id,
    editionYear: row.year,
    servicesApplicable: row.services_applicable,
    endToEnd: row.end_to_end,
    index: row.index_score,
  }));
}
