import { stringify } from 'csv-stringify/sync';
import type { AuditLogRow } from '../../db/schema.ts';

export const AUDIT_LOG_COLUMNS = [
  'id',
  'at',
  'actor',
  'action',
  'entity',
  'entity_id',
  'before',
  'after',
] as const;

/**
 * Rows of the audit log as CSV lines (header included when asked). A cell that a spreadsheet would
 * run as a formula (=, +, -, @, tab, carriage return first) gets a leading apostrophe: the log
 * records names people typed.
 */
export function auditLogCsv(rows: readonly AuditLogRow[], header: boolean): string {
  return stringify(
    rows.map((row) => AUDIT_LOG_COLUMNS.map((column) => defuse(row[column]))),
    header ? { header: true, columns: [...AUDIT_LOG_COLUMNS] } : {},
  );
}

function defuse(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
