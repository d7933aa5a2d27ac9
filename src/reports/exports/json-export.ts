import { once } from 'node:events';
import fs from 'node:fs';
import type { EditionRow } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import type { Dataset } from './datasets/dataset.ts';

/** A dataset as a JSON array of records (field name → value, null when missing), streamed. */
export async function writeJson(
  db: Executor,
  edition: EditionRow,
  dataset: Dataset,
  file: string,
): Promise<number> {
  const out = fs.createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let rows = 0;
  try {
    await write('[');
    for await (const batch of dataset.rows(db, edition)) {
      const records = batch.map((row) =>
        JSON.stringify(
          Object.fromEntries(dataset.fields.map((field) => [field.name, row[field.name] ?? null])),
        ),
      );
      await write(`${rows === 0 ? '\n' : ',\n'}${records.join(',\n')}`);
      rows += batch.length;
    }
    await write(rows === 0 ? ']\n' : '\n]\n');
  } finally {
    out.end();
    await once(out, 'close');
  }
  return rows;
}
