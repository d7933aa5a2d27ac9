import path from 'node:path';
import type { AuthorityKind } from '../db/schema.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { readCsvFile } from '../shared/csv.ts';
import { type InputProblem, UserError } from '../shared/errors.ts';
import { loadAuthorityLookup } from './authority-lookup.ts';
import { currentWebsites, setCurrentWebsite } from './websites.repository.ts';
import {
  detectWebsitesLayout,
  findDuplicateWebsites,
  readWebsiteRow,
  sameWebsite,
  type WebsiteRecord,
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
  const table = readCsvFile(file);
  const label = path.basename(file);
  const detection = detectWebsitesLayout(table.headers);
  if (!detection.ok) {
    throw new UserError('input_invalid', `${label} : format de fichier non reconnu.`, [
      { file: label, line: table.headerLine, message: detection.message },
    ]);
  }
  const { layout } = detection;

  return inTransaction(db, async (trx) => {
    const lookup = await loadAuthorityLookup(trx);
    const problems: InputProblem[] = [];
    const records: WebsiteRecord[] = [];
    for (const row of table.rows) {
      const outcome = readWebsiteRow(row, layout, lookup, options.kind);
      if (outcome.status === 'valid') records.push(outcome.record);
      else for (const problem of outcome.problems) problems.push({ file: label, line: row.line, ...problem });
    }
    for (const duplicate of findDuplicateWebsites(records)) {
      problems.push({ file: label, line: duplicate.line, ...duplicate.problem });
    }
    if (problems.length > 0) {
      problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      throw new UserError(
        'input_invalid',
        `Import des sites annulé : ${problems.length} problème(s) dans ${label}, aucune ligne enregistrée.`,
        problems,
      );
    }

    const current = await currentWebsites(trx);
    const source = `import:${label}`;
    const report: WebsitesImportReport = { file, rows: records.length, added: 0, replaced: 0, unchanged: 0 };
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
  });
}
