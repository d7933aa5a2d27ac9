import fs from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { EditionRow } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import type { Dataset } from './datasets/dataset.ts';
import type { CellValue } from './fields.ts';

/**
 * A dataset as CSV the way data.gouv.fr asks for it: UTF-8 without BOM, comma-separated, one
 * header line of field names, decimal points, empty cells for missing values. The same stream
 * goes to a file (the export) and to an HTTP response (the open-data page's downloads).
 */
export function csvStream(
  db: Executor,
  edition: EditionRow,
  dataset: Dataset,
  onRows: (count: number) => void = () => {},
): Readable {
  const names = dataset.fields.map((field) => field.name);
  async function* records() {
    for await (const batch of dataset.rows(db, edition)) {
      onRows(batch.length);
      for (const row of batch) yield names.map((name) => csvCell(row[name] ?? null));
    }
  }
  const out = new PassThrough();
  // pipeline destroys `out` with the error when reading or writing fails: readers see it.
  pipeline(records, stringify({ header: true, columns: names, eof: true }), out).catch(() => {});
  return out;
}

/** Writes a dataset's CSV to a file; returns its number of rows. */
export async function writeCsv(
  db: Executor,
  edition: EditionRow,
  dataset: Dataset,
  file: string,
): Promise<number> {
  let rows = 0;
  await pipeline(
    csvStream(db, edition, dataset, (count) => {
      rows += count;
    }),
    fs.createWriteStream(file),
  );
  return rows;
}

function csvCell(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}
