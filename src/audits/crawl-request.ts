import { logChange } from '../audit-log/audit-log.repository.ts';
import type { EditionRow } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { type AuditTarget, listAuditTargets } from '../territories/audit-targets.ts';
import { auditableEdition } from './audit.service.ts';

/** A crawl asked for from the back office: an edition, and optionally which authorities. */
export interface CrawlRequest {
  year: number;
  /** Without them, every authority with a known website. */
  authorityIds?: readonly number[];
  actor: string;
}

export interface AcceptedCrawl {
  edition: EditionRow;
  targets: AuditTarget[];
  /** Distinct websites: authorities sharing one are audited once. */
  sites: number;
}

/**
 * Checks a crawl request as every audit is checked (auditableEdition: the edition exists and is
 * not frozen, there is a website to audit) and logs who asked, whether the crawl then runs in
 * this process or goes to the workers' queue. Refused requests change nothing.
 */
export async function acceptCrawlRequest(
  db: Executor,
  request: CrawlRequest,
  now: Date,
): Promise<AcceptedCrawl> {
  const targets = await listAuditTargets(
    db,
    request.authorityIds ? { authorityIds: request.authorityIds } : {},
  );
  const edition = await auditableEdition(db, request.year, targets);
  const sites = new Set(targets.map((t) => t.websiteUrl)).size;
  await logChange(
    db,
    {
      actor: request.actor,
      action: 'crawl_started',
      entity: 'edition',
      entityId: request.year,
      after: { sites, authorityIds: targets.map((t) => t.authorityId) },
    },
    now,
  );
  return { edition, targets, sites };
}
