import type { Executor } from '../db/transaction.ts';

/**
 * The sites of an edition that were audited on the simulated farm (the demo, tests) rather than
 * the real web. Whatever publishes an edition's figures must say so: a simulated site carries a
 * real authority's name and address, and its services are fictitious.
 */
export async function simulatedSitesOfEdition(db: Executor, editionId: number): Promise<Set<number>> {
  const runs = await db
    .selectFrom('audit_runs')
    .select(['id', 'options'])
    .where('edition_id', '=', editionId)
    .execute();
  const simulatedRuns = runs
    .filter((run) => (JSON.parse(run.options) as { simulated?: boolean }).simulated === true)
    .map((run) => run.id);
  if (simulatedRuns.length === 0) return new Set();
  const sites = await db
    .selectFrom('audit_sites')
    .select('id')
    .where('run_id', 'in', simulatedRuns)
    .execute();
  return new Set(sites.map((site) => site.id));
}

/** The audit site an assessment's evidence came from, when a crawl proposed it. */
export function auditSiteOfEvidence(evidence: string): number | undefined {
  const { auditSiteId } = JSON.parse(evidence) as { auditSiteId?: unknown };
  return typeof auditSiteId === 'number' ? auditSiteId : undefined;
}
