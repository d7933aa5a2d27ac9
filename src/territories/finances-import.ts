import type { AuthorityKind } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { UserError } from '../shared/errors.ts';
import { importAuthorityFile } from './authority-file-import.ts';
import {
  detectFinancesLayout,
  type FinanceRecord,
  type FinanceWritePlan,
  findDuplicateFinances,
  planFinanceWrites,
  readFinanceRow,
  type StoredFinance,
} from './finances-import.rules.ts';

export interface FinancesImportOptions {
  now: Date;
  /** Kind of the authorities when the file does not say it (CLI `--kind`). */
  kind?: AuthorityKind;
}

export interface FinancesImportReport {
  file: string;
  format: 'ofgl-long' | 'wide';
  /** Rows carrying an operating revenue: imported + replaced + unchanged. */
  rows: number;
  imported: number;
  replaced: number;
  unchanged: number;
  /** Rows of other aggregates or of annex budgets, skipped on purpose. */
  ignored: number;
}

const INSERT_BATCH = 500;

/**
 * Imports operating revenues (recettes réelles de fonctionnement) from a user's CSV file
 * (layouts: docs/imports.md). All or nothing: every row is validated first and one invalid
 * row rejects the file with every problem located; otherwise all rows are written in one transaction.
 */
export async function importFinances(
  db: Executor,
  file: string,
  options: FinancesImportOptions,
): Promise<FinancesImportReport> {
  return importAuthorityFile(db, file, {
    subject: 'des finances',
    detectLayout: detectFinancesLayout,
    readRow: (row, layout, lookup) => readFinanceRow(row, layout, lookup, options.kind),
    findDuplicates: findDuplicateFinances,
    write: async (trx, { label, layout, records, ignored }) => {
      if (records.length === 0) {
        throw new UserError(
          'input_invalid',
          `${label} : aucune recette réelle de fonctionnement à importer.`,
          [
            {
              file: label,
              column: layout.aggregateColumn,
              message:
                'aucune ligne de l’agrégat « Recettes de fonctionnement » (ou « Recettes réelles de fonctionnement ») ' +
                'pour un budget principal',
            },
          ],
        );
      }
      const plan = planFinanceWrites(records, await storedFinances(trx, records));
      await writeFinances(trx, plan, `import:${label}`, options.now.toISOString());
      return {
        file,
        format: layout.format,
        rows: records.length,
        imported: plan.inserts.length,
        replaced: plan.updates.length,
        unchanged: plan.unchanged.length,
        ignored,
      };
    },
  });
}

async function writeFinances(
  trx: Executor,
  plan: FinanceWritePlan,
  source: string,
  importedAt: string,
): Promise<void> {
  for (let start = 0; start < plan.inserts.length; start += INSERT_BATCH) {
    await trx
      .insertInto('authority_finances')
      .values(
        plan.inserts.slice(start, start + INSERT_BATCH).map((record) => ({
          authority_id: record.authority.id,
          year: record.year,
          operating_revenue: record.operatingRevenue,
          source,
          imported_at: importedAt,
        })),
      )
      .execute();
  }
  for (const { id, record } of plan.updates) {
    await trx
      .updateTable('authority_finances')
      .set({ operating_revenue: record.operatingRevenue, source, imported_at: importedAt })
      .where('id', '=', id)
      .execute();
  }
}

/** Stored figures for the years of the file (a handful of years, so one query whatever the file's size). */
async function storedFinances(db: Executor, records: readonly FinanceRecord[]): Promise<StoredFinance[]> {
  const years = [...new Set(records.map((r) => r.year))];
  const rows = await db
    .selectFrom('authority_finances')
    .select(['id', 'authority_id', 'year', 'operating_revenue'])
    .where('year', 'in', years)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    authorityId: row.authority_id,
    year: row.year,
    operatingRevenue: Number(row.operating_revenue),
  }));
}
