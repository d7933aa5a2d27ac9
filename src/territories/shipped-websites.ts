import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

/**
 * Official websites of the 101 département councils, shipped with Baromètre
 * (data/territories/README.md gives the source and date).
 */
export const SHIPPED_WEBSITES_FILE = fileURLToPath(
  new URL('../../data/territories/departements-websites.csv', import.meta.url),
);
export const SHIPPED_WEBSITES_SOURCE = 'annuaire-administration-2026-10-09';

export interface ShippedWebsiteRow {
  code: string;
  /** Name of the council, e.g. "Conseil départemental Ain". */
  name: string;
  url: string;
}

let rows: ShippedWebsiteRow[] | undefined;

export function readShippedDepartementRows(): readonly ShippedWebsiteRow[] {
  rows ??= parse(fs.readFileSync(SHIPPED_WEBSITES_FILE, 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as ShippedWebsiteRow[];
  return rows;
}

export function readShippedDepartementWebsites(): Map<string, string> {
  return new Map(readShippedDepartementRows().map((row) => [row.code, row.url]));
}
