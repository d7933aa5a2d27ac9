import type { Selectable } from 'kysely';
import type { CrawledPage } from '../crawl/crawl.types.ts';
import type { AssessmentSource, AuditRunsTable, AuditSiteStatus, AuditSitesTable } from '../db/schema.ts';
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

export async function findRun(db: Executor, runId: number): Promise<AuditRun> {
  return db.selectFrom('audit_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
}

/** The edition's latest run if it did not finish: a crawl started again resumes it. */
export async function findUnfinishedRun(db: Executor, editionId: number): Promise<AuditRun | undefined> {
  const latest = await latestRun(db, editionId);
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

/**
 * Adds the websites a run must audit, one site per distinct start URL with every authority
 * that has it; sites already in the run keep their state.
 */
export async function ensureSites(
  db: Executor,
  runId: number,
  targets: { authorityId: number; startUrl: string }[],
): Promise<(AuditSite & { authorityIds: number[] })[]> {
  const urls = [...new Set(targets.map((t) => t.startUrl))];
  for (let start = 0; start < urls.length; start += 500) {
    await db
      .insertInto('audit_sites')
      .values(
        urls.slice(start, start + 500).map((url) => ({
          run_id: runId,
          start_url: url,
          status: 'pending' as const,
          summary: null,
          error: null,
          started_at: null,
          finished_at: null,
        })),
      )
      .onConflict((oc) => oc.columns(['run_id', 'start_url']).doNothing())
      .execute();
  }
  // Read back only the sites asked for, by chunks: a queued campaign audits one site of a run of
  // 36,000 at a time, and must not read the whole run for each.
  const sites: AuditSite[] = [];
  for (let start = 0; start < urls.length; start += 500) {
    sites.push(
      ...(await db
        .selectFrom('audit_sites')
        .selectAll()
        .where('run_id', '=', runId)
        .where('start_url', 'in', urls.slice(start, start + 500))
        .execute()),
    );
  }
  sites.sort((a, b) => a.id - b.id);
  const siteIdByUrl = new Map(sites.map((s) => [s.start_url, s.id]));
  const links = targets.flatMap((t) => {
    const siteId = siteIdByUrl.get(t.startUrl);
    return siteId === undefined ? [] : [{ site_id: siteId, authority_id: t.authorityId }];
  });
  for (let start = 0; start < links.length; start += 500) {
    await db
      .insertInto('audit_site_authorities')
      .values(links.slice(start, start + 500))
      .onConflict((oc) => oc.columns(['site_id', 'authority_id']).doNothing())
      .execute();
  }
  const authorityIds = new Map<number, number[]>();
  for (let start = 0; start < sites.length; start += 500) {
    const linked = await db
      .selectFrom('audit_site_authorities')
      .select(['site_id', 'authority_id'])
      .where(
        'site_id',
        'in',
        sites.slice(start, start + 500).map((s) => s.id),
      )
      .execute();
    for (const link of linked)
      authorityIds.set(link.site_id, [...(authorityIds.get(link.site_id) ?? []), link.authority_id]);
  }
  return sites.map((site) => ({ ...site, authorityIds: authorityIds.get(site.id) ?? [] }));
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

/**
 * Stores a fetched page once: a resumed crawl that meets the same URL again gets the stored
 * row's id back instead of a duplicate.
 */
export async function storePage(
  db: Executor,
  siteId: number,
  page: CrawledPage,
  portalFacts: object | null,
  now: Date,
): Promise<number> {
  const inserted = await db
    .insertInto('audit_pages')
    .values({
      site_id: siteId,
      url: page.url,
      final_url: page.finalUrl,
      depth: page.depth,
      status: page.status,
      http_status: page.httpStatus,
      content_type: page.contentType,
      charset: page.charset,
      bytes: page.bytes,
      elapsed_ms: Math.round(page.elapsedMs),
      content_hash: page.contentHash,
      platform: page.platform,
      rendered_with: page.renderedWith,
      title: page.content?.title ?? null,
      enqueued: JSON.stringify(page.enqueued),
      portal_facts: portalFacts === null ? null : JSON.stringify(portalFacts),
      error: page.error,
      fetched_at: now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['site_id', 'url']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  const existing = await db
    .selectFrom('audit_pages')
    .select('id')
    .where('site_id', '=', siteId)
    .where('url', '=', page.url)
    .executeTakeFirstOrThrow();
  return existing.id;
}

export interface FindingInput {
  serviceId: number;
  level: number;
  confidence: number;
  evidence: object;
}

export async function storeFindings(
  db: Executor,
  siteId: number,
  pageId: number,
  findings: FindingInput[],
): Promise<void> {
  if (findings.length === 0) return;
  await db
    .insertInto('audit_findings')
    .values(
      findings.map((f) => ({
        site_id: siteId,
        page_id: pageId,
        service_id: f.serviceId,
        level: f.level,
        confidence: f.confidence,
        evidence: JSON.stringify(f.evidence),
      })),
    )
    .onConflict((oc) => oc.columns(['page_id', 'service_id']).doNothing())
    .execute();
}

/** What an interrupted crawl of a site already did: these URLs are not fetched again. */
export async function pagesForResume(
  db: Executor,
  siteId: number,
): Promise<{ url: string; finalUrl: string; depth: number; enqueued: string[] }[]> {
  const rows = await db
    .selectFrom('audit_pages')
    .select(['url', 'final_url', 'depth', 'enqueued'])
    .where('site_id', '=', siteId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    url: row.url,
    finalUrl: row.final_url,
    depth: row.depth,
    enqueued: JSON.parse(row.enqueued) as string[],
  }));
}

export async function countSitePages(db: Executor, siteId: number): Promise<number> {
  const row = await db
    .selectFrom('audit_pages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('site_id', '=', siteId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function portalFactsOfSite(db: Executor, siteId: number): Promise<unknown[]> {
  const rows = await db
    .selectFrom('audit_pages')
    .select('portal_facts')
    .where('site_id', '=', siteId)
    .where('portal_facts', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map((row) => JSON.parse(row.portal_facts ?? 'null') as unknown);
}

/** Portal facts are only needed until the site's checks are computed; dropping them keeps pages small. */
export async function clearPortalFacts(db: Executor, siteId: number): Promise<void> {
  await db.updateTable('audit_pages').set({ portal_facts: null }).where('site_id', '=', siteId).execute();
}

export async function findingsOfSite(
  db: Executor,
  siteId: number,
): Promise<{ serviceId: number; level: number; confidence: number; evidence: object; url: string }[]> {
  const rows = await db
    .selectFrom('audit_findings as f')
    .innerJoin('audit_pages as p', 'p.id', 'f.page_id')
    .select(['f.service_id', 'f.level', 'f.confidence', 'f.evidence', 'p.final_url'])
    .where('f.site_id', '=', siteId)
    .orderBy('f.id')
    .execute();
  return rows.map((row) => ({
    serviceId: row.service_id,
    level: row.level,
    confidence: row.confidence,
    evidence: JSON.parse(row.evidence) as object,
    url: row.final_url,
  }));
}

export interface PortalCheckInput {
  key: string;
  outcome: 'pass' | 'warn' | 'fail' | 'unknown';
  value: number | string | null;
  summary: string;
  details: object;
  evidence: object[];
}

export async function storePortalChecks(
  db: Executor,
  siteId: number,
  checks: PortalCheckInput[],
): Promise<void> {
  for (const check of checks) {
    const values = {
      outcome: check.outcome,
      value: check.value === null ? null : String(check.value),
      summary: check.summary,
      details: JSON.stringify(check.details),
      evidence: JSON.stringify(check.evidence),
    };
    await db
      .insertInto('portal_checks')
      .values({ site_id: siteId, key: check.key, ...values })
      .onConflict((oc) => oc.columns(['site_id', 'key']).doUpdateSet(values))
      .execute();
  }
}

/** Per service, who made the current assessment of an authority, and its level. */
export async function currentAssessmentSources(
  db: Executor,
  editionId: number,
  authorityId: number,
): Promise<Map<number, { source: AssessmentSource; level: number }>> {
  const rows = await db
    .selectFrom('current_assessments')
    .select(['service_id', 'source', 'level'])
    .where('edition_id', '=', editionId)
    .where('authority_id', '=', authorityId)
    .execute();
  return new Map(rows.map((row) => [row.service_id, { source: row.source, level: row.level }]));
}

export interface SiteAuditOverview {
  site: AuditSite;
  runOptions: { simulated?: boolean };
  portalChecks: { key: string; outcome: string; summary: string }[];
}

/** The authority's most recent audited site in an edition, with its portal checks. */
export async function latestSiteAudit(
  db: Executor,
  editionId: number,
  authorityId: number,
): Promise<SiteAuditOverview | undefined> {
  const site = await db
    .selectFrom('audit_sites as s')
    .innerJoin('audit_site_authorities as l', 'l.site_id', 's.id')
    .innerJoin('audit_runs as r', 'r.id', 's.run_id')
    .selectAll('s')
    .select('r.options as run_options')
    .where('r.edition_id', '=', editionId)
    .where('l.authority_id', '=', authorityId)
    .orderBy('s.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!site) return undefined;
  const { run_options, ...row } = site;
  const portalChecks = await db
    .selectFrom('portal_checks')
    .select(['key', 'outcome', 'summary'])
    .where('site_id', '=', site.id)
    .orderBy('id')
    .execute();
  return { site: row, runOptions: JSON.parse(run_options) as { simulated?: boolean }, portalChecks };
}

/** The edition's most recent run, finished or not. */
export async function latestRun(db: Executor, editionId: number): Promise<AuditRun | undefined> {
  return db
    .selectFrom('audit_runs')
    .selectAll()
    .where('edition_id', '=', editionId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
