import { stringify } from 'csv-stringify/sync';

/**
 * Writing CSV for people's spreadsheets: semicolon-separated (the French locale's list
 * separator), CRLF line ends and a byte-order mark, so that a double-click opens it with its
 * accents and columns right; values are quoted only when they need it (RFC 4180). Open-data files
 * follow data.gouv.fr's conventions instead (src/reports/exports/csv-export.ts).
 */

export type CsvValue = string | number | null | undefined;

export function toCsv(
  headers: readonly string[],
  rows: readonly (readonly CsvValue[])[],
  options: { delimiter?: ';' | ',' } = {},
): string {
  return stringify([headers, ...rows] as CsvValue[][], {
    delimiter: options.delimiter ?? ';',
    record_delimiter: 'windows',
    bom: true,
    eof: true,
    quoted_match: [/^\s|\s$/, /[\r\n]/],
    cast: { number: (value) => String(value) },
  });
}
