import type { Selectable } from 'kysely';
import type { AuditRunsTable, AuditSiteStatus, AuditSitesTable } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

export type AuditRun = Selectable<AuditRunsTable>;
export type AuditSite = Selectable<AuditSitesTable>;

export async function createRun(
  db: Executor,
  editionId: number,
  options: object,
  now: Date,
): Promise<AuditRun> {
  return db
    .insertInto('audit_runs')
    .values({
      edition_id: editionId,
      status: 'running',
      options: JSON.stringify(options),
      started_at: now.toISOString(),
      finished_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The edition's latest run if it did not finish: a crawl started again resumes it. */
export async function findUnfinishedRun(db: Executor, editionId: number): Promise<AuditRun | undefined> {
  const latest = await db
    .selectFrom('audit_runs')
    .selectAll()
    .where('edition_id', '=', editionId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return latest && (latest.status === 'running' || latest.status === 'interrupted') ? latest : undefined;
}

export async function finishRun(
  db: Executor,
  runId: number,
  status: AuditRun['status'],
  now: Date,
): Promise<void> {
  await db
    .updateTable('audit_runs')
    .set({ status, finished_at: now.toISOString() })
    .where('id', '=', runId)
    .execute();
}

/** Adds the sites a run must audit; sites already in the run keep their state. */
export async function ensureSites(
  db: Executor,
  runId: number,
  sites: { authorityId: number; startUrl: string }[],
): Promise<AuditSite[]> {
  for (let start = 0; start < sites.length; start += 500) {
    await db
      .insertInto('audit_sites')
      .values(
        sites.slice(start, start + 500).map((site) => ({
          run_id: runId,
          authority_id: site.authorityId,
          start_url: site.startUrl,
          status: 'pending' as const,
          summary: null,
          error: null,
          started_at: null,
          finished_at: null,
        })),
      )
      .onConflict((oc) => oc.columns(['run_id', 'authority_id']).doNothing())
      .execute();
  }
  return db.selectFrom('audit_sites').selectAll().where('run_id', '=', runId).orderBy('id').execute();
}

export async function markSite(
  db: Executor,
  siteId: number,
  change: { status: AuditSiteStatus; summary?: object; error?: string | null; pages?: number },
  now: Date,
): Promise<void> {
  await db
    .updateTable('audit_sites')
    .set({
      status: change.status,
      ...(change.summary ? { summary: JSON.stringify(change.summary) } : {}),
      ...(change.error !== undefined ? { error: change.error } : {}),
      ...(change.pages !== undefined ? { pages: change.pages } : {}),
      ...(change.status === 'running'
        ? { started_at: now.toISOString() }
        : { finished_at: now.toISOString() }),
    })
    .where('id', '=', siteId)
    .execute();
}
