import ExcelJS from 'exceljs';
import type { EditionRow } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import type { Dataset } from './datasets/dataset.ts';
import type { CellValue, ExportRow, Field } from './fields.ts';

/** Data rows per sheet: Excel's limit is 1,048,576 rows including the header. */
export const MAX_ROWS_PER_SHEET = 1_048_575;

/**
 * All datasets of an edition in one workbook, streamed to disk: one sheet per dataset (split in
 * numbered sheets past Excel's row limit) with typed cells, a frozen header and filters, and a
 * « dictionnaire » sheet describing every field.
 */
export async function writeXlsx(
  db: Executor,
  edition: EditionRow,
  datasets: readonly Dataset[],
  file: string,
  options: { maxRowsPerSheet?: number } = {},
): Promise<Map<string, number>> {
  return writeXlsxTables(
    datasets.map((dataset) => ({ dataset, batches: dataset.rows(db, edition) })),
    file,
    options,
  );
}

/** A sheet's dictionary and its rows, in batches: an edition's dataset or any other typed table. */
export interface XlsxTable {
  dataset: Pick<Dataset, 'name' | 'fields'>;
  batches: AsyncIterable<ExportRow[]> | Iterable<ExportRow[]>;
}

/** Typed tables in one streamed workbook, with the « dictionnaire » sheet first (see writeXlsx). */
export async function writeXlsxTables(
  tables: readonly XlsxTable[],
  file: string,
  options: { maxRowsPerSheet?: number } = {},
): Promise<Map<string, number>> {
  const limit = options.maxRowsPerSheet ?? MAX_ROWS_PER_SHEET;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Baromètre';
  writeDictionary(
    workbook,
    tables.map((table) => table.dataset),
  );
  const counts = new Map<string, number>();
  for (const { dataset, batches } of tables) {
    let rows = 0;
    let part = 0;
    let sheet: ExcelJS.Worksheet | undefined;
    for await (const batch of batches) {
      for (const row of batch) {
        if (!sheet || rows % limit === 0) {
          sheet?.commit();
          part += 1;
          sheet = addDataSheet(workbook, dataset, part === 1 ? dataset.name : `${dataset.name} (${part})`);
        }
        sheet.addRow(dataset.fields.map((field) => xlsxCell(field, row[field.name] ?? null))).commit();
        rows += 1;
      }
    }
    (sheet ?? addDataSheet(workbook, dataset, dataset.name)).commit();
    counts.set(dataset.name, rows);
  }
  await workbook.commit();
  return counts;
}

function addDataSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  dataset: XlsxTable['dataset'],
  name: string,
) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = dataset.fields.map((field) => ({
    header: field.name,
    key: field.name,
    width: Math.min(60, Math.max(12, field.name.length + 2)),
    ...(field.type === 'datetime' ? { style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } } : {}),
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: dataset.fields.length } };
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

function writeDictionary(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  datasets: readonly XlsxTable['dataset'][],
): void {
  const sheet = workbook.addWorksheet('dictionnaire', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'feuille', width: 16 },
    { header: 'champ', width: 26 },
    { header: 'titre', width: 36 },
    { header: 'type', width: 10 },
    { header: 'description', width: 100 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const dataset of datasets) {
    for (const field of dataset.fields) {
      sheet.addRow([dataset.name, field.name, field.title, field.type, field.description]).commit();
    }
  }
  sheet.commit();
}

/** Numbers stay numbers, timestamps become dates, so that spreadsheets sort and sum them. */
function xlsxCell(field: Field, value: CellValue): ExcelJS.CellValue {
  if (value === null) return null;
  if (field.type === 'datetime' && typeof value === 'string') return new Date(value);
  return value;
}
