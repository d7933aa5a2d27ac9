import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';
import type { PortalOutcomes } from '../authority-indicators.rules.ts';

/**
 * Portal check outcomes per authority, from the latest site audited for it in the edition's
 * runs (a later audit supersedes an earlier one; authorities sharing a site share its checks).
 */
export async function portalOutcomes(db: Executor, editionId: number): Promise<Map<number, PortalOutcomes>> {
  const count = (outcome: string) => sql<number>`sum(case when pc.outcome = ${outcome} then 1 else 0 end)`;
  const rows = await db
    .selectFrom('audit_site_authorities as l')
    .innerJoin('audit_sites as s', 's.id', 'l.site_id')
    .innerJoin('audit_runs as r', 'r.id', 's.run_id')
    .leftJoin('portal_checks as pc', 'pc.site_id', 's.id')
    .select([
      'l.authority_id',
      's.id as site_id',
      count('pass').as('pass'),
      count('warn').as('warn'),
      count('fail').as('fail'),
    ])
    .where('r.edition_id', '=', editionId)
    .groupBy(['l.authority_id', 's.id'])
    .execute();
  const latest = new Map<number, { siteId: number; outcomes: PortalOutcomes }>();
  for (const row of rows) {
    const known = latest.get(row.authority_id);
    if (known && known.siteId > row.site_id) continue;
    latest.set(row.authority_id, {
      siteId: row.site_id,
      // A site without checks sums nothing: null on both engines.
      outcomes: { pass: Number(row.pass ?? 0), warn: Number(row.warn ?? 0), fail: Number(row.fail ?? 0) },
    });
  }
  return new Map([...latest].map(([authorityId, { outcomes }]) => [authorityId, outcomes]));
}
