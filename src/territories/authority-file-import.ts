import path from 'node:path';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { type CsvRow, readCsvFile } from '../shared/csv.ts';
import { type InputProblem, UserError } from '../shared/errors.ts';
import type { LayoutDetection, RowOutcome, RowProblem } from './authority-columns.ts';
import { type AuthorityLookup, loadAuthorityLookup } from './authority-lookup.ts';

/**
 * The skeleton of the imports of a user's CSV file about authorities (finances, websites):
 * read the file, recognise its layout, validate every row, then write all or nothing. One
 * invalid row rejects the file with every problem located (file, line, column); otherwise the
 * records are written in the transaction they were validated in.
 */

export interface ValidFile<L, R> {
  /** File name as the user knows it (no directory), for sources and messages. */
  label: string;
  layout: L;
  records: R[];
  /** Rows skipped on purpose (another aggregate, an annex budget…). */
  ignored: number;
}

export interface AuthorityFileImport<L, R, Report> {
  /** What the file holds, for the message of a rejected file: « des finances ». */
  subject: string;
  detectLayout(headers: readonly string[]): LayoutDetection<L>;
  readRow(row: CsvRow, layout: L, lookup: AuthorityLookup): RowOutcome<R>;
  /** Rows repeating an earlier one, located on the later line. */
  findDuplicates(records: readonly R[]): { line: number; problem: RowProblem }[];
  /** Writes a valid file inside the import's transaction; throwing rolls the whole import back. */
  write(trx: Executor, file: ValidFile<L, R>): Promise<Report>;
}

export async function importAuthorityFile<L, R, Report>(
  db: Executor,
  file: string,
  spec: AuthorityFileImport<L, R, Report>,
): Promise<Report> {
  const table = readCsvFile(file);
  const label = path.basename(file);
  const detection = spec.detectLayout(table.headers);
  if (!detection.ok) {
    throw new UserError('input_invalid', `${label} : format de fichier non reconnu.`, [
      { file: label, line: table.headerLine, message: detection.message },
    ]);
  }
  const { layout } = detection;

  return inTransaction(db, async (trx) => {
    const lookup = await loadAuthorityLookup(trx);
    const problems: InputProblem[] = [];
    const records: R[] = [];
    let ignored = 0;
    for (const row of table.rows) {
      const outcome = spec.readRow(row, layout, lookup);
      if (outcome.status === 'ignored') ignored++;
      else if (outcome.status === 'valid') records.push(outcome.record);
      else for (const problem of outcome.problems) problems.push({ file: label, line: row.line, ...problem });
    }
    for (const duplicate of spec.findDuplicates(records)) {
      problems.push({ file: label, line: duplicate.line, ...duplicate.problem });
    }
    if (problems.length > 0) {
      problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      throw new UserError(
        'input_invalid',
        `Import ${spec.subject} annulé : ${problems.length} problème(s) dans ${label}, aucune ligne enregistrée.`,
        problems,
      );
    }
    return spec.write(trx, { label, layout, records, ignored });
  });
}
