import { canViewAuditLog } from '../../accounts/authorization.rules.ts';
import { UserError } from '../../shared/errors.ts';
import { AuditLogPage } from '../pages/audit-log.tsx';
import { adminRoute, type GuardedRoute } from '../session/guard.ts';
import type { WebAccounts } from '../session/web-accounts.ts';
import { auditLogCsv } from './audit-log-csv.ts';
import type { ChromeFor } from './page-routes.ts';
import { render } from './render.ts';

const JOURNAL_PAGE_SIZE = 50;
const CSV_BATCH = 1000;

/** The audit log: paged for reading, whole as CSV. */
export function auditLogRoutes(accounts: WebAccounts, chromeFor: ChromeFor): GuardedRoute[] {
  return [
    adminRoute(
      'GET',
      '/admin/journal',
      canViewAuditLog,
      async (c) => {
        const raw = c.req.query('avant');
        const beforeId = raw === undefined ? undefined : Number(raw);
        if (beforeId !== undefined && !(Number.isSafeInteger(beforeId) && beforeId > 0))
          throw new UserError('input_invalid', 'Page du journal invalide', [
            { field: 'avant', message: `« ${raw} » n’est pas un numéro de changement` },
          ]);
        // One more than shown tells whether an older page exists.
        const rows = await accounts.auditLog({
          limit: JOURNAL_PAGE_SIZE + 1,
          ...(beforeId ? { beforeId } : {}),
        });
        const shown = rows.slice(0, JOURNAL_PAGE_SIZE);
        const olderThan = rows.length > JOURNAL_PAGE_SIZE ? shown.at(-1)?.id : undefined;
        return render(
          c,
          AuditLogPage({
            chrome: chromeFor(c),
            view: { rows: shown, olderThan, paged: beforeId !== undefined },
          }),
        );
      },
      'Journal d’audit',
    ),

    adminRoute('GET', '/admin/journal.csv', canViewAuditLog, async (c) => {
      const parts: string[] = [];
      let beforeId: number | undefined;
      for (;;) {
        const rows = await accounts.auditLog({ limit: CSV_BATCH, ...(beforeId ? { beforeId } : {}) });
        parts.push(auditLogCsv(rows, parts.length === 0));
        if (rows.length < CSV_BATCH) break;
        beforeId = rows.at(-1)?.id;
      }
      return c.body(parts.join(''), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="journal-audit.csv"',
      });
    }),
  ];
}
