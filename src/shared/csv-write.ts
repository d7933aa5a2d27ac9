/**
 * Writing CSV for people's spreadsheets: semicolon-separated (the French locale's list
 * separator), CRLF line ends and a byte-order mark, so that a double-click opens it with its
 * accents and columns right; values are quoted only when they need it (RFC 4180).
 */

export type CsvValue = string | number | null | undefined;

function cell(value: CsvValue, delimiter: string): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim()
    ? `"${text.replaceAll('"', '""')}"`
    : text;
}

export function toCsv(
  headers: readonly string[],
  rows: readonly (readonly CsvValue[])[],
  options: { delimiter?: ';' | ',' } = {},
): string {
  const delimiter = options.delimiter ?? ';';
  const lines = [headers, ...rows].map((row) => row.map((value) => cell(value, delimiter)).join(delimiter));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
