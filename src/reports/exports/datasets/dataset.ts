import type { EditionRow } from '../../../db/schema.ts';
import type { Executor } from '../../../db/transaction.ts';
import type { ExportRow, Field } from '../fields.ts';

/** One table of an edition's open data: its dictionary and its rows, read in batches. */
export interface Dataset {
  /** File and sheet name, snake_case French (data.gouv.fr conventions). */
  name: string;
  title: string;
  description: string;
  fields: readonly Field[];
  primaryKey: readonly string[];
  /** Whether the edition has this table yet (indicators exist once computed); always, when absent. */
  available?(db: Executor, edition: EditionRow): Promise<boolean>;
  /** Batches of rows in a stable order, each row holding every field. */
  rows(db: Executor, edition: EditionRow): AsyncIterable<ExportRow[]>;
}

/** Rows per batch: bounded memory whatever the edition's size. */
export const BATCH_SIZE = 5_000;

/** For the tables an indicators run produces: present once the edition's indicators are computed. */
export async function indicatorsComputed(db: Executor, edition: EditionRow): Promise<boolean> {
  const run = await db
    .selectFrom('indicator_runs')
    .select('edition_id')
    .where('edition_id', '=', edition.id)
    .executeTakeFirst();
  return run !== undefined;
}
