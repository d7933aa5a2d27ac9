import type { AuthorityKind } from '../db/schema.ts';
import { type CsvRow, findHeader, normalizeHeader } from '../shared/csv.ts';
import {
  type AuthorityIdentity,
  type AuthorityLookup,
  authorityKindName,
  candidateCodes,
  parseAuthorityKind,
} from './authority-lookup.ts';

/**
 * Which columns of an imported file name the authority of each row, and how a row is
 * resolved to one. Shared by the imports of finances and websites.
 */

/** A problem in one row; the import adds the file and the line. */
export interface RowProblem {
  column?: string;
  message: string;
}

/** What reading one row gives: a record, a row skipped on purpose, or its problems. */
export type RowOutcome<R> =
  | { status: 'ignored' }
  | { status: 'valid'; record: R }
  | { status: 'invalid'; problems: RowProblem[] };

/** The columns an import needs, found in the file's headers, or why they are not. */
export type LayoutDetection<L> = { ok: true; layout: L } | { ok: false; message: string };

/** The layout of a file lacking columns: what is missing, and what the file has instead. */
export function missingColumns(
  missing: readonly string[],
  headers: readonly string[],
): { ok: false; message: string } {
  return {
    ok: false,
    message: `colonnes manquantes : ${missing.join(' ; ')}. Colonnes trouvées : ${headers.join(', ')}.`,
  };
}

/** A record of an authority from one line of the file. */
export interface AuthorityRecord {
  line: number;
  authority: AuthorityIdentity;
  /** The column the authority was found by, for messages. */
  codeColumn: string;
}

/**
 * Records repeating an earlier one (same `key`), located on the later line; `describe` says
 * what repeats (« exercice 2023 »), after the authority.
 */
export function findDuplicateRecords<R extends AuthorityRecord>(
  records: readonly R[],
  key: (record: R) => string,
  describe?: (record: R) => string,
): { line: number; problem: RowProblem }[] {
  const firstLine = new Map<string, number>();
  const duplicates: { line: number; problem: RowProblem }[] = [];
  for (const record of records) {
    const first = firstLine.get(key(record));
    if (first === undefined) {
      firstLine.set(key(record), record.line);
      continue;
    }
    const what = describe === undefined ? '' : `, ${describe(record)},`;
    duplicates.push({
      line: record.line,
      problem: {
        column: record.codeColumn,
        message: `doublon : ${authorityKindName(record.authority.kind)} ${record.authority.code}${what} figure déjà à la ligne ${first}`,
      },
    });
  }
  return duplicates;
}

export interface CodeColumn {
  header: string;
  /** Set for columns naming one level ("Code Insee 2024 Département", "dep_code"). */
  level?: AuthorityKind;
}

export interface AuthorityColumns {
  /** Columns naming the row's own authority, by preference: SIREN first, then INSEE/COG codes. */
  codeColumns: CodeColumn[];
  /** Columns naming an authority of one level; OFGL files carry the whole geography of each row. */
  levelColumns: CodeColumn[];
  kindColumn?: string;
}

/** Aliases of columns holding the row's own code, in order of preference. */
export const CODE_ALIASES: readonly string[] = [
  'Code Siren Collectivité',
  'Siren Collectivité',
  'Code Siren',
  'Siren',
  'N° Siren',
  'Code Insee Collectivité',
  'Code Insee',
  'Insee',
  'Code collectivité',
  'Code COG',
  'COG',
  'Code géographique',
  'CODGEO',
  'DEPCOM',
  'Code',
];

export const KIND_ALIASES: readonly string[] = [
  'Catégorie',
  'Catégorie de collectivité',
  'categ',
  'Type de collectivité',
  'Type',
  'Niveau',
  'Kind',
];

const LEVEL_WORDS: Record<string, AuthorityKind> = {
  commune: 'commune',
  com: 'commune',
  departement: 'departement',
  dep: 'departement',
  region: 'region',
  reg: 'region',
  epci: 'epci',
  gfp: 'epci',
};

/** "Code Insee 2024 Département", "Code département", "dep_code", "Code Siren 2024 EPCI", "siren_epci". */
function levelOf(header: string): AuthorityKind | undefined {
  const normalized = normalizeHeader(header);
  const match =
    /^code (?:insee |siren |cog )?(?:\d{4} )?(commune|departement|region|epci|gfp)$/.exec(normalized) ??
    /^(com|dep|reg|epci) code$/.exec(normalized) ??
    /^siren (epci|gfp)$/.exec(normalized);
  return match?.[1] === undefined ? undefined : LEVEL_WORDS[match[1]];
}

/** The authority columns of a file, or undefined when it has none. */
export function findAuthorityColumns(headers: readonly string[]): AuthorityColumns | undefined {
  const codeColumns: CodeColumn[] = [];
  for (const alias of CODE_ALIASES) {
    const header = findHeader(headers, [alias]);
    if (header !== undefined && !codeColumns.some((c) => c.header === header)) codeColumns.push({ header });
  }
  const levelColumns: CodeColumn[] = headers
    .map((header) => ({ header, level: levelOf(header) }))
    .filter((column): column is Required<CodeColumn> => column.level !== undefined);
  if (codeColumns.length === 0 && levelColumns.length === 0) return undefined;
  return { codeColumns, levelColumns, kindColumn: findHeader(headers, KIND_ALIASES) };
}

export type RowAuthority =
  | { ok: true; authority: AuthorityIdentity; column: string }
  | { ok: false; problem: RowProblem };

/**
 * Resolves a row to its authority. The row's kind comes from its kind column, else from
 * `defaultKind` (the `--kind` option). Code columns are tried in order of preference and the
 * first that resolves wins, so a SIREN unknown to the database can fall back to the INSEE code.
 * Level columns come last; see levelColumnsFor.
 */
export function resolveRowAuthority(
  row: CsvRow,
  columns: AuthorityColumns,
  lookup: AuthorityLookup,
  defaultKind?: AuthorityKind,
): RowAuthority {
  let kind = defaultKind;
  if (columns.kindColumn !== undefined) {
    const label = row.values[columns.kindColumn] ?? '';
    if (label !== '') {
      kind = parseAuthorityKind(label);
      if (kind === undefined) {
        return {
          ok: false,
          problem: {
            column: columns.kindColumn,
            message: `catégorie « ${label} » non reconnue (attendu : commune, département, région, EPCI ou GFP, collectivité unique)`,
          },
        };
      }
    }
  }

  const tried = [...columns.codeColumns, ...levelColumnsFor(columns.levelColumns, kind)];
  const filled = tried.filter((column) => (row.values[column.header] ?? '') !== '');
  if (filled.length === 0) {
    const [expected] = tried.length > 0 ? tried : [...columns.codeColumns, ...columns.levelColumns];
    return { ok: false, problem: { column: expected?.header, message: 'code de collectivité manquant' } };
  }

  let ambiguous: { column: CodeColumn; candidates: AuthorityIdentity[] } | undefined;
  for (const column of filled) {
    const code = row.values[column.header] ?? '';
    const kinds = column.level ? [column.level] : kind ? [kind] : undefined;
    const resolution = lookup.resolve(code, kinds);
    if (resolution.ok) return { ok: true, authority: resolution.authority, column: column.header };
    if (resolution.failure === 'ambiguous') ambiguous ??= { column, candidates: resolution.candidates };
  }

  if (ambiguous) {
    const code = row.values[ambiguous.column.header] ?? '';
    const names = ambiguous.candidates.map((a) => authorityKindName(a.kind, true)).join(' et ');
    return {
      ok: false,
      problem: {
        column: ambiguous.column.header,
        message: `code « ${code} » ambigu : il désigne à la fois ${names} ; précisez la catégorie (colonne « Catégorie » ou option --kind)`,
      },
    };
  }
  const [first] = filled;
  const code = first ? (row.values[first.header] ?? '') : '';
  const others = filled.slice(1).map((c) => `« ${row.values[c.header]} » (${c.header})`);
  const also = others.length > 0 ? `, ni ${others.join(', ni ')}` : '';
  const among = kind ? ` parmi les collectivités de catégorie ${authorityKindName(kind)}` : '';
  return {
    ok: false,
    problem: {
      column: first?.header,
      message: `collectivité inconnue : ${describeCode(code)}${also}${among}`,
    },
  };
}

const FINEST_FIRST: readonly AuthorityKind[] = ['commune', 'epci', 'departement', 'region'];

/**
 * OFGL files describe each row's geography from the région down to the row's own level, so
 * a row of known kind is named by the column of that level, and otherwise by the finest
 * level present ("Code Insee 2024 Commune" in the communes file, never its département's column).
 */
function levelColumnsFor(levelColumns: readonly CodeColumn[], kind: AuthorityKind | undefined): CodeColumn[] {
  if (kind !== undefined) return levelColumns.filter((column) => column.level === kind);
  const finest = FINEST_FIRST.find((level) => levelColumns.some((column) => column.level === level));
  return levelColumns.filter((column) => column.level === finest);
}

/** "aucune commune n'a le code INSEE « 01999 »", with a hint when the code has no expected shape. */
function describeCode(raw: string): string {
  const codes = candidateCodes(raw);
  const code = codes[codes.length - 1] ?? raw;
  if (/^\d{9}$/.test(code)) return `aucun SIREN « ${raw} » connu`;
  if (/^(\d{5}|2[AB]\d{3})$/.test(code)) return `aucun code INSEE de commune « ${raw} » connu`;
  if (/^[0-9][0-9A-Z]{1,2}$/.test(code))
    return `aucun code de département, de région ou de collectivité « ${raw} » connu`;
  return `« ${raw} » n’a la forme d’aucun code attendu (SIREN à 9 chiffres, code INSEE de commune à 5 caractères, code de département ou de région à 2 ou 3 caractères)`;
}
