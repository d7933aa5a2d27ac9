import fs from 'node:fs';
import path from 'node:path';
import { type CsvError, parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { type InputProblem, UserError } from './errors.ts';

/**
 * Reading CSV files that people bring: exported from a spreadsheet, downloaded from an
 * open-data portal or typed by hand. We cannot choose their encoding or delimiter, so we
 * detect them, and every row keeps the line it came from so errors point into the file.
 */

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type CsvDelimiter = ';' | ',' | '\t';

export interface CsvRow {
  /** 1-based line of the file where the record starts. */
  line: number;
  /** Values by (trimmed) header name, trimmed. Missing trailing values are empty strings. */
  values: Record<string, string>;
}

export interface CsvTable {
  /** The path as given by the caller. */
  file: string;
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  headers: string[];
  /** 1-based line of the header row. */
  headerLine: number;
  rows: CsvRow[];
}

const DELIMITERS: readonly CsvDelimiter[] = [';', '\t', ','];
const DELIMITER_NAMES: Record<CsvDelimiter, string> = {
  ';': 'point-virgule',
  ',': 'virgule',
  '\t': 'tabulation',
};

/** Reads and parses a user's CSV file; throws UserError('input_invalid') with located problems. */
export function readCsvFile(file: string): CsvTable {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'fichier introuvable' : 'lecture impossible';
    throw new UserError('input_invalid', `Impossible de lire ${file}.`, [
      { file: path.basename(file), message: reason },
    ]);
  }
  return parseCsvBytes(bytes, file);
}

/** Same as readCsvFile, for bytes already in memory (uploads, tests). `file` names them in messages. */
export function parseCsvBytes(bytes: Uint8Array, file: string): CsvTable {
  const label = path.basename(file);
  if (bytes.length === 0) invalidFile(label, 'le fichier est vide');
  const decoded = decode(bytes);
  if (decoded === undefined) {
    invalidFile(
      label,
      'contenu binaire (octets nuls ou caractères de contrôle) : ce n’est pas un fichier texte. ' +
        'Enregistrez-le au format « CSV » depuis votre tableur',
    );
  }
  const { encoding } = decoded;
  // One line terminator makes csv-parse's line counts exact, including inside quoted values.
  const text = decoded.text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') invalidFile(label, 'le fichier est vide');

  const { delimiter, skipLines } = detectDelimiter(text);
  const records = parseRecords(text, delimiter, label, skipLines);

  const nonEmpty = records.filter((record) => record.fields.some((value) => value.trim() !== ''));
  const header = nonEmpty[0];
  if (!header) return invalidFile(label, 'le fichier est vide');
  const headers = header.fields.map((name) => name.trim());
  const problems: InputProblem[] = [];
  const seen = new Map<string, number>();
  headers.forEach((name, index) => {
    if (name === '') return;
    const key = normalizeHeader(name);
    if (seen.has(key)) {
      problems.push({ file: label, line: header.line, column: name, message: 'colonne présente deux fois' });
    }
    seen.set(key, index);
  });

  const dataRecords = nonEmpty.slice(1);
  if (dataRecords.length === 0) {
    invalidFile(
      label,
      `le fichier ne contient que la ligne d’en-tête (${headers.join(', ')}) et aucune donnée`,
      header.line,
    );
  }

  const rows: CsvRow[] = [];
  for (const record of dataRecords) {
    const extra = record.fields.slice(headers.length).filter((value) => value.trim() !== '');
    const spansLines = record.endLine > record.line;
    if (extra.length > 0 || record.fields.length < headers.length) {
      const hint = spansLines
        ? ` ; l’enregistrement s’étend jusqu’à la ligne ${record.endLine} : un guillemet ouvrant n’est sans doute pas refermé`
        : ` ; vérifiez le séparateur (${DELIMITER_NAMES[delimiter]} détecté) et les guillemets`;
      problems.push({
        file: label,
        line: record.line,
        message: `${plural(record.fields.length, 'valeur')} pour ${plural(headers.length, 'colonne')}${hint}`,
      });
      continue;
    }
    const values: Record<string, string> = {};
    headers.forEach((name, index) => {
      if (name !== '') values[name] = (record.fields[index] ?? '').trim();
    });
    rows.push({ line: record.line, values });
  }
  if (problems.length > 0) {
    throw new UserError(
      'input_invalid',
      `${label} n’est pas un fichier CSV exploitable : ${plural(problems.length, 'problème')}.`,
      problems,
    );
  }
  return {
    file,
    encoding,
    delimiter,
    headers: headers.filter((name) => name !== ''),
    headerLine: header.line,
    rows,
  };
}

const plural = (count: number, word: string): string => `${count} ${word}${count > 1 ? 's' : ''}`;

function invalidFile(label: string, message: string, line?: number): never {
  throw new UserError('input_invalid', `${label} n’est pas un fichier CSV exploitable.`, [
    { file: label, line, message },
  ]);
}

interface Decoded {
  text: string;
  encoding: CsvEncoding;
}

/** Decodes the bytes, or returns undefined when they are not text. */
function decode(bytes: Uint8Array): Decoded | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Spreadsheets' "Unicode text" export is UTF-16 with a byte order mark; its NUL bytes are legitimate.
  if (buffer[0] === 0xff && buffer[1] === 0xfe)
    return checked(iconv.decode(buffer.subarray(2), 'utf-16le'), 'utf-16le');
  if (buffer[0] === 0xfe && buffer[1] === 0xff)
    return checked(iconv.decode(buffer.subarray(2), 'utf-16be'), 'utf-16be');
  if (looksBinary(buffer)) return undefined;
  const hasBom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  const body = hasBom ? buffer.subarray(3) : buffer;
  const text = decodeUtf8(body);
  if (text !== undefined) return { text, encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  // Not UTF-8: French spreadsheets on Windows save in Windows-1252, a superset of Latin-1.
  return { text: iconv.decode(body, 'windows-1252'), encoding: 'windows-1252' };
}

function checked(text: string, encoding: CsvEncoding): Decoded | undefined {
  return looksBinary(Buffer.from(text, 'utf8')) ? undefined : { text, encoding };
}

function decodeUtf8(buffer: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return undefined;
  }
}

const SAMPLE_BYTES = 64 * 1024;

/** NUL bytes, or more than 1 % of control characters other than tab, line feed, carriage return, form feed. */
export function looksBinary(buffer: Uint8Array): boolean {
  const sample = buffer.subarray(0, SAMPLE_BYTES);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) || byte === 0x7f) {
      controls++;
    }
  }
  return controls > Math.max(2, sample.length * 0.01);
}

/**
 * The delimiter occurring most often outside quotes in the header line (`;` wins ties, as
 * French exports use it). Excel's `sep=;` first line is honoured and skipped.
 */
function detectDelimiter(text: string): { delimiter: CsvDelimiter; skipLines: number } {
  const lines = text.split('\n');
  let index = lines.findIndex((line) => line.trim() !== '');
  const first = lines[index] ?? '';
  const hint = /^sep=(.)\s*$/i.exec(first);
  if (hint && DELIMITERS.includes(hint[1] as CsvDelimiter)) {
    return { delimiter: hint[1] as CsvDelimiter, skipLines: index + 1 };
  }
  if (index < 0) index = 0;
  const counts = new Map<CsvDelimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of first) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char as CsvDelimiter)) {
      counts.set(char as CsvDelimiter, (counts.get(char as CsvDelimiter) ?? 0) + 1);
    }
  }
  let best: CsvDelimiter = ';';
  for (const delimiter of DELIMITERS)
    if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter;
  return { delimiter: best, skipLines: 0 };
}

interface RawRecord {
  fields: string[];
  line: number;
  endLine: number;
}

function parseRecords(text: string, delimiter: CsvDelimiter, label: string, skipLines: number): RawRecord[] {
  const records: RawRecord[] = [];
  let lastEndLine = skipLines;
  try {
    parse(text, {
      delimiter,
      from_line: skipLines + 1,
      relax_column_count: true,
      // Stray quotes inside unquoted values ("Saint-Jean d"Angély") are kept as characters.
      relax_quotes: true,
      raw: true,
      skip_empty_lines: false,
      // With `raw`, each record arrives as { record, raw }: the raw text tells how many lines it spans.
      on_record: (value: unknown, context) => {
        const { record: fields, raw } = value as { record: string[]; raw: string };
        const endLine = context.lines;
        const breaks = raw.split('\n').length - 1 - (raw.endsWith('\n') ? 1 : 0);
        records.push({ fields, line: endLine - breaks, endLine });
        lastEndLine = endLine;
        return null;
      },
    });
  } catch (error) {
    const code = (error as CsvError).code;
    const line = lastEndLine + 1;
    const message =
      code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'guillemet ouvrant jamais refermé : la valeur qui commence sur cette ligne court jusqu’à la fin du fichier'
        : code === 'CSV_INVALID_CLOSING_QUOTE'
          ? 'guillemet fermant suivi d’autres caractères que le séparateur'
          : `ligne illisible (${(error as Error).message})`;
    throw new UserError('input_invalid', `${label} n’est pas un fichier CSV exploitable.`, [
      { file: label, line, message },
    ]);
  }
  return records;
}

// ---------------------------------------------------------------------------------------------
// Header matching: imports accept several layouts, so columns are found by alias.

/** "Code Insee  Collectivité" → "code insee collectivite"; "type_de_budget" → "type de budget". */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/€/g, ' eur ')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const UNIT_SUFFIX =
  /\s+(en\s+)?(milliers d euros|milliers eur|millions d euros|millions eur|k eur|keur|m eur|meur|euros|eur)$/;

/** The header without its unit: "Recettes réelles de fonctionnement (en milliers d'euros)" → "recettes reelles de fonctionnement". */
export function headerKey(header: string): string {
  const withoutBrackets = header.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ');
  return normalizeHeader(withoutBrackets).replace(UNIT_SUFFIX, '').trim();
}

/** The first header matching one of the aliases, aliases taken in order of preference. */
export function findHeader(headers: readonly string[], aliases: readonly string[]): string | undefined {
  for (const alias of aliases) {
    const wanted = normalizeHeader(alias);
    const found =
      headers.find((header) => normalizeHeader(header) === wanted) ??
      headers.find((header) => headerKey(header) === wanted);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** How many euros one unit of the column is worth, read from its header: 1000 for "(milliers d'euros)" or "k€". */
export function amountScale(header: string): number {
  const normalized = normalizeHeader(header);
  if (/\bmilliers?\b|\bk ?eur\b|\bkeuros?\b/.test(normalized)) return 1000;
  if (/\bmillions?\b|\bm ?eur\b|\bmeuros?\b/.test(normalized)) return 1_000_000;
  return 1;
}

// ---------------------------------------------------------------------------------------------
// Numbers as French spreadsheets write them.

export type NumberParse = { ok: true; value: number } | { ok: false; reason: string };

const SPACES = /[\s\u00a0\u202f\u2009]/;

/**
 * "1 234 567,89" → 1234567.89. Accepts spaces, non-breaking and narrow non-breaking spaces
 * as thousands separators, a decimal comma or point, "1.234.567,89", "1,234,567.89",
 * a leading sign, a trailing €, and the scientific notation spreadsheets use for big numbers.
 * Anything ambiguous or malformed ("12,3,4", "1,234,567", "abc", "") is refused with a reason.
 */
export function parseFrenchNumber(raw: string): NumberParse {
  const original = raw.trim();
  if (original === '') return { ok: false, reason: 'valeur vide' };
  let text = original.replace(/\s*(€|eur|euros)$/i, '').replace(/^\u2212/, '-');
  let sign = 1;
  if (text.startsWith('-') || text.startsWith('+')) {
    if (text.startsWith('-')) sign = -1;
    text = text.slice(1).trimStart();
  }
  const invalid = (why: string): NumberParse => ({ ok: false, reason: `« ${original} » ${why}` });
  let canonical: string | undefined;
  if (/^\d+([.,]\d+)?$/.test(text)) canonical = text.replace(',', '.');
  else if (new RegExp(`^\\d{1,3}(${SPACES.source}\\d{3})+([.,]\\d+)?$`).test(text)) {
    canonical = text.replace(new RegExp(SPACES.source, 'g'), '').replace(',', '.');
  } else if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)) canonical = text.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(,\d{3})+\.\d+$/.test(text)) canonical = text.replace(/,/g, '');
  else if (/^\d+([.,]\d+)?e[+-]?\d+$/i.test(text)) canonical = text.replace(',', '.');
  if (canonical === undefined) {
    if (!/\d/.test(text)) return invalid('n’est pas un nombre');
    if (/^[\d\s\u00a0\u202f\u2009.,]+$/.test(text))
      return invalid('a des séparateurs incohérents ou ambigus');
    return invalid('n’est pas un nombre');
  }
  const value = sign * Number(canonical);
  if (!Number.isFinite(value)) return invalid('n’est pas un nombre fini');
  return { ok: true, value };
}
