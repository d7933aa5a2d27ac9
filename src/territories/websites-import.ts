import type { AuthorityKind } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { importAuthorityFile } from './authority-file-import.ts';
import { currentWebsites, setCurrentWebsite } from './websites.repository.ts';
import {
  detectWebsitesLayout,
  findDuplicateWebsites,
  readWebsiteRow,
  sameWebsite,
} from './websites-import.rules.ts';

export interface WebsitesImportOptions {
  now: Date;
  /** Kind of the authorities when the file does not say it (CLI `--kind`). */
  kind?: AuthorityKind;
}

export interface WebsitesImportReport {
  file: string;
  rows: number;
  added: number;
  replaced: number;
  unchanged: number;
}

/**
 * Imports authorities' websites (code → URL) from a user's CSV file. All or nothing, like
 * the finances import. A changed URL retires the current one (retired_at = now) and adds the
 * new one, so the history of addresses is kept; the same URL, once normalised, changes nothing.
 */
export async function importWebsites(
  db: Executor,
  file: string,
  options: WebsitesImportOptions,
): Promise<WebsitesImportReport> {
  return importAuthorityFile(db, file, {
    subject: 'des sites',
    detectLayout: detectWebsitesLayout,
    readRow: (row, layout, lookup) => readWebsiteRow(row, layout, lookup, options.kind),
    findDuplicates: findDuplicateWebsites,
    write: async (trx, { label, records }) => {
      const current = await currentWebsites(trx);
      const source = `import:${label}`;
      const report: WebsitesImportReport = {
        file,
        rows: records.length,
        added: 0,
        replaced: 0,
        unchanged: 0,
      };
      for (const record of records) {
        const stored = current.get(record.authority.id);
        if (stored && sameWebsite(stored.url, record.url)) {
          report.unchanged++;
          continue;
        }
        const change = await setCurrentWebsite(
          trx,
          stored,
          { authorityId: record.authority.id, url: record.url, source },
          options.now,
        );
        if (change === 'added') report.added++;
        else if (change === 'replaced') report.replaced++;
        else report.unchanged++;
      }
      return report;
    },
  });
}
