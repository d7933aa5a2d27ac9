import type { AuthorityKind } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { type AuditRun, latestRun } from './audits.repository.ts';

export interface SiteProgress {
  siteId: number;
  startUrl: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  error: string | null;
  pages: number;
  /** Stored pages by fetch status (ok included). */
  byStatus: Record<string, number>;
  authorities: { id: number; kind: AuthorityKind; code: string; name: string }[];
}

export interface CrawlProgress {
  run: AuditRun;
  sitesTotal: number;
  sitesDone: number;
  pages: number;
  /** Pages that did not end « ok », all sites together. */
  errors: number;
  sites: SiteProgress[];
}

/**
 * The edition's latest crawl as stored, site by site: what the progress page shows. It reads the
 * database rather than the crawler's memory, so it stays true across server restarts and for
 * crawls started from the command line.
 */
export async function crawlProgress(db: Executor, editionId: number): Promise<CrawlProgress | undefined> {
  const run = await latestRun(db, editionId);
  if (!run) return undefined;
  const sites = await db
    .selectFrom('audit_sites')
    .select(['id', 'start_url', 'status', 'error'])
    .where('run_id', '=', run.id)
    .orderBy('id')
    .execute();
  const pageCounts = await db
    .selectFrom('audit_pages as p')
    .innerJoin('audit_sites as s', 's.id', 'p.site_id')
    .select(['p.site_id', 'p.status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('s.run_id', '=', run.id)
    .groupBy(['p.site_id', 'p.status'])
    .execute();
  const authorities = await db
    .selectFrom('audit_site_authorities as l')
    .innerJoin('audit_sites as s', 's.id', 'l.site_id')
    .innerJoin('authorities as a', 'a.id', 'l.authority_id')
    .select(['l.site_id', 'a.id', 'a.kind', 'a.code', 'a.name'])
    .where('s.run_id', '=', run.id)
    .orderBy('a.code')
    .execute();
  // Indexed by site once: a national campaign has 36 000 sites and five times as many counts.
  const countsBySite = new Map<number, Record<string, number>>();
  for (const row of pageCounts) {
    const byStatus = countsBySite.get(row.site_id) ?? {};
    byStatus[row.status] = (byStatus[row.status] ?? 0) + Number(row.count);
    countsBySite.set(row.site_id, byStatus);
  }
  const authoritiesBySite = new Map<number, SiteProgress['authorities']>();
  for (const { site_id, id, kind, code, name } of authorities) {
    const list = authoritiesBySite.get(site_id) ?? [];
    list.push({ id, kind, code, name });
    authoritiesBySite.set(site_id, list);
  }
  const progress: SiteProgress[] = sites.map((site) => {
    const byStatus = countsBySite.get(site.id) ?? {};
    return {
      siteId: site.id,
      startUrl: site.start_url,
      status: site.status,
      error: site.error,
      pages: Object.values(byStatus).reduce((sum, n) => sum + n, 0),
      byStatus,
      authorities: authoritiesBySite.get(site.id) ?? [],
    };
  });
  return {
    run,
    sitesTotal: progress.length,
    sitesDone: progress.filter((s) => s.status === 'done' || s.status === 'failed').length,
    pages: progress.reduce((sum, s) => sum + s.pages, 0),
    errors: progress.reduce((sum, s) => sum + s.pages - (s.byStatus.ok ?? 0), 0),
    sites: progress,
  };
}
