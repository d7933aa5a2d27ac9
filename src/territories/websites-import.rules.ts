import type { AuthorityKind } from '../db/schema.ts';
import { type CsvRow, findHeader } from '../shared/csv.ts';
import { normalizeWebsiteUrl } from '../shared/url.ts';
import {
  type AuthorityColumns,
  type AuthorityRecord,
  findAuthorityColumns,
  findDuplicateRecords,
  type LayoutDetection,
  missingColumns,
  type RowOutcome,
  type RowProblem,
  resolveRowAuthority,
} from './authority-columns.ts';
import type { AuthorityLookup } from './authority-lookup.ts';

/** Pure rules of the websites import: accepted columns, row validation, what changes. */

export const URL_ALIASES = [
  'URL',
  'Site',
  'Site internet',
  'Site web',
  'Website',
  'Adresse du site',
  'Adresse web',
] as const;

export interface WebsitesLayout {
  authority: AuthorityColumns;
  urlColumn: string;
}

export function detectWebsitesLayout(headers: readonly string[]): LayoutDetection<WebsitesLayout> {
  const authority = findAuthorityColumns(headers);
  const urlColumn = findHeader(headers, URL_ALIASES);
  if (!authority || urlColumn === undefined) {
    const missing = [
      authority ? undefined : 'le code de la collectivité (code, Code Insee, Siren, Code commune…)',
      urlColumn === undefined ? `l’adresse du site (${URL_ALIASES.join(', ')})` : undefined,
    ].filter((part) => part !== undefined);
    return missingColumns(missing, headers);
  }
  return { ok: true, layout: { authority, urlColumn } };
}

export interface WebsiteRecord extends AuthorityRecord {
  url: string;
}

export type WebsiteRowOutcome = Exclude<RowOutcome<WebsiteRecord>, { status: 'ignored' }>;

export function readWebsiteRow(
  row: CsvRow,
  layout: WebsitesLayout,
  lookup: AuthorityLookup,
  defaultKind?: AuthorityKind,
): WebsiteRowOutcome {
  const problems: RowProblem[] = [];
  const authority = resolveRowAuthority(row, layout.authority, lookup, defaultKind);
  if (!authority.ok) problems.push(authority.problem);
  const url = normalizeWebsiteUrl(row.values[layout.urlColumn] ?? '');
  if (!url.ok) problems.push({ column: layout.urlColumn, message: `adresse invalide : ${url.reason}` });
  if (!authority.ok || !url.ok) return { status: 'invalid', problems };
  return {
    status: 'valid',
    record: { line: row.line, authority: authority.authority, codeColumn: authority.column, url: url.url },
  };
}

/** One website per authority and per file: a second row for the same authority is a problem. */
export function findDuplicateWebsites(
  records: readonly WebsiteRecord[],
): { line: number; problem: RowProblem }[] {
  return findDuplicateRecords(records, (record) => String(record.authority.id));
}

/** The stored URL and the new one designate the same site when their normalised forms are equal. */
export function sameWebsite(stored: string, next: string): boolean {
  const normalized = normalizeWebsiteUrl(stored);
  return (normalized.ok ? normalized.url : stored) === next;
}
