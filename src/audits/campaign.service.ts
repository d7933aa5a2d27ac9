import type { CrawlLimits } from '../crawl/crawl.types.ts';
import type { Executor } from '../db/transaction.ts';
import { type AuditTarget, listAuditTargets } from '../territories/audit-targets.ts';
import { auditableEdition } from './audit.service.ts';
import { type AuditSite, createRun, ensureSites, findUnfinishedRun } from './audits.repository.ts';

/**
 * A queued audit campaign: one run for the edition, one site row per website, and one job per
 * site for the workers. The run is the campaign's; it is closed when its last site is done, so a
 * campaign started again (after a crash of the machine that queued it) resumes the same run.
 */
export interface Campaign {
  runId: number;
  resumed: boolean;
  /** Sites left to audit (pending or interrupted); the done and failed ones are not queued again. */
  pending: AuditSite[];
  done: number;
}

export interface CampaignOptions {
  editionYear: number;
  targets: AuditTarget[];
  limits: Pick<CrawlLimits, 'maxPages' | 'maxDepth'>;
  simulated: boolean;
}

export async function openCampaign(db: Executor, options: CampaignOptions, now: Date): Promise<Campaign> {
  const edition = await auditableEdition(db, options.editionYear, options.targets);
  const unfinished = await findUnfinishedRun(db, edition.id);
  if (unfinished?.status === 'interrupted') {
    await db.updateTable('audit_runs').set({ status: 'running' }).where('id', '=', unfinished.id).execute();
  }
  const run =
    unfinished ??
    (await createRun(
      db,
      edition.id,
      { limits: options.limits, simulated: options.simulated, queued: true },
      now,
    ));
  const sites = await ensureSites(
    db,
    run.id,
    options.targets.map((t) => ({ authorityId: t.authorityId, startUrl: t.websiteUrl })),
  );
  const pending = sites.filter((s) => s.status === 'pending' || s.status === 'running');
  return { runId: run.id, resumed: unfinished !== undefined, pending, done: sites.length - pending.length };
}

/** A site of a run with the authorities whose website it is, as audit targets. */
export async function siteWithTargets(
  db: Executor,
  siteId: number,
): Promise<{ site: AuditSite; targets: AuditTarget[] } | undefined> {
  const site = await db.selectFrom('audit_sites').selectAll().where('id', '=', siteId).executeTakeFirst();
  if (!site) return undefined;
  const links = await db
    .selectFrom('audit_site_authorities')
    .select('authority_id')
    .where('site_id', '=', siteId)
    .execute();
  const targets = await listAuditTargets(db, { authorityIds: links.map((l) => l.authority_id) });
  // The run's address wins over a website changed since the campaign was queued.
  return { site, targets: targets.map((t) => ({ ...t, websiteUrl: site.start_url })) };
}

/** Every audit target of a run, in the order `crawl` selects them (the simulated web depends on it). */
export async function runTargets(db: Executor, runId: number): Promise<AuditTarget[]> {
  const links = await db
    .selectFrom('audit_site_authorities as l')
    .innerJoin('audit_sites as s', 's.id', 'l.site_id')
    .select(['l.authority_id', 's.start_url'])
    .where('s.run_id', '=', runId)
    .execute();
  const targets = await listAuditTargets(db, { authorityIds: links.map((l) => l.authority_id) });
  const urlOf = new Map(links.map((l) => [l.authority_id, l.start_url]));
  return targets.map((t) => ({ ...t, websiteUrl: urlOf.get(t.authorityId) ?? t.websiteUrl }));
}

/**
 * Closes the run once none of its sites is left to audit. Returns true for the one call that
 * closed it (the conditional update is atomic), so that exactly one follow-up is queued.
 */
export async function closeRunIfDone(db: Executor, runId: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('audit_runs')
    .set({ status: 'completed', finished_at: now.toISOString() })
    .where('id', '=', runId)
    .where('status', '=', 'running')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('audit_sites')
            .select('id')
            .where('run_id', '=', runId)
            .where('status', 'in', ['pending', 'running']),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
