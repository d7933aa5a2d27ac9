import type { AuthorityKind } from '../db/schema.ts';
import { amountScale, type CsvRow, findHeader, normalizeHeader, parseFrenchNumber } from '../shared/csv.ts';
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

/**
 * Pure rules of the finances import: which layouts are accepted, how a row becomes an
 * (authority, year, operating revenue) record, and what writing the records changes.
 * docs/imports.md describes the layouts for users.
 */

export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

export const YEAR_ALIASES = ['Exercice', 'exer', 'Année', 'An', 'Year', 'Millésime'] as const;
export const AGGREGATE_ALIASES = ['Agrégat', 'Aggregate', 'Indicateur'] as const;
export const LONG_AMOUNT_ALIASES = ['Montant', 'Valeur', 'Amount', 'Value'] as const;
export const WIDE_AMOUNT_ALIASES = [
  'Recettes réelles de fonctionnement',
  'Recettes réelles fonctionnement',
  'RRF',
  'Operating revenue',
  'Recettes de fonctionnement',
] as const;
export const BUDGET_TYPE_ALIASES = ['Type de budget', 'Type budget'] as const;

/** OFGL aggregate labels meaning "recettes réelles de fonctionnement" (normalised). */
const OPERATING_REVENUE_AGGREGATES = new Set([
  'recettes de fonctionnement',
  'recettes reelles de fonctionnement',
]);

export interface FinancesLayout {
  /** OFGL long format (one row per aggregate) or one row per (authority, year). */
  format: 'ofgl-long' | 'wide';
  authority: AuthorityColumns;
  yearColumn: string;
  amountColumn: string;
  /** Euros per unit of the amount column: 1000 when its header says "milliers d'euros". */
  scale: number;
  aggregateColumn?: string;
  budgetTypeColumn?: string;
}

export function detectFinancesLayout(headers: readonly string[]): LayoutDetection<FinancesLayout> {
  const authority = findAuthorityColumns(headers);
  const yearColumn = findHeader(headers, YEAR_ALIASES);
  const aggregateColumn = findHeader(headers, AGGREGATE_ALIASES);
  const longAmount = findHeader(headers, LONG_AMOUNT_ALIASES);
  const wideAmount = findHeader(headers, WIDE_AMOUNT_ALIASES);
  const format = aggregateColumn !== undefined && longAmount !== undefined ? 'ofgl-long' : 'wide';
  const amountColumn = format === 'ofgl-long' ? longAmount : wideAmount;

  const missing: string[] = [];
  if (!authority) {
    missing.push(
      'le code de la collectivité (Code Siren Collectivité, Code Insee Collectivité, Siren, Code, Code commune…)',
    );
  }
  if (yearColumn === undefined) missing.push(`l’année (${YEAR_ALIASES.join(', ')})`);
  if (amountColumn === undefined) {
    missing.push(
      `les recettes réelles de fonctionnement : soit « Agrégat » et « Montant » (format long de l’OFGL), soit une colonne ${WIDE_AMOUNT_ALIASES.map((a) => `« ${a} »`).join(', ')}`,
    );
  }
  if (!authority || yearColumn === undefined || amountColumn === undefined) {
    return missingColumns(missing, headers);
  }
  return {
    ok: true,
    layout: {
      format,
      authority,
      yearColumn,
      amountColumn,
      scale: amountScale(amountColumn),
      aggregateColumn: format === 'ofgl-long' ? aggregateColumn : undefined,
      budgetTypeColumn: findHeader(headers, BUDGET_TYPE_ALIASES),
    },
  };
}

export interface FinanceRecord extends AuthorityRecord {
  year: number;
  /** Euros, rounded to the cent. */
  operatingRevenue: number;
}

export type FinanceRowOutcome = RowOutcome<FinanceRecord>;

/**
 * Reads one row. Rows of another aggregate, or of a budget other than the principal one,
 * are ignored; every other row is validated completely, so that all its problems are reported at once.
 */
export function readFinanceRow(
  row: CsvRow,
  layout: FinancesLayout,
  lookup: AuthorityLookup,
  defaultKind?: AuthorityKind,
): FinanceRowOutcome {
  if (layout.aggregateColumn !== undefined) {
    const aggregate = normalizeHeader(row.values[layout.aggregateColumn] ?? '');
    if (!OPERATING_REVENUE_AGGREGATES.has(aggregate)) return { status: 'ignored' };
  }
  if (layout.budgetTypeColumn !== undefined) {
    // "Budget annexe" rows are ignored; the principal budget and consolidated accounts are kept.
    const budget = normalizeHeader(row.values[layout.budgetTypeColumn] ?? '');
    if (budget.includes('annexe') && !budget.includes('principal')) return { status: 'ignored' };
  }

  const problems: RowProblem[] = [];
  const authority = resolveRowAuthority(row, layout.authority, lookup, defaultKind);
  if (!authority.ok) problems.push(authority.problem);

  const year = parseYear(row.values[layout.yearColumn] ?? '');
  if (!year.ok) problems.push({ column: layout.yearColumn, message: year.reason });

  const amount = parseFrenchNumber(row.values[layout.amountColumn] ?? '');
  let operatingRevenue: number | undefined;
  if (!amount.ok) {
    problems.push({ column: layout.amountColumn, message: `montant invalide : ${amount.reason}` });
  } else if (amount.value < 0) {
    problems.push({
      column: layout.amountColumn,
      message: `montant négatif (${row.values[layout.amountColumn]})`,
    });
  } else {
    operatingRevenue = Math.round(amount.value * layout.scale * 100) / 100;
  }

  if (!authority.ok || !year.ok || operatingRevenue === undefined) return { status: 'invalid', problems };
  return {
    status: 'valid',
    record: {
      line: row.line,
      authority: authority.authority,
      codeColumn: authority.column,
      year: year.value,
      operatingRevenue,
    },
  };
}

type YearParse = { ok: true; value: number } | { ok: false; reason: string };

/** "2023", "2023-01-01" (OFGL exports the exercice as a date), "2023.0" (spreadsheets). */
export function parseYear(raw: string): YearParse {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'année manquante' };
  const match = /^(\d{4})(?:\.0+|-\d{2}(?:-\d{2})?(?:T.*)?)?$/.exec(text);
  if (!match) return { ok: false, reason: `année invalide « ${text} » (attendu : 4 chiffres, ex. 2023)` };
  const value = Number(match[1]);
  if (value < MIN_YEAR || value > MAX_YEAR) {
    return { ok: false, reason: `année ${value} hors de la plage acceptée (${MIN_YEAR}–${MAX_YEAR})` };
  }
  return { ok: true, value };
}

/** A second value for the same (authority, year) is a problem, located on the later line. */
export function findDuplicateFinances(
  records: readonly FinanceRecord[],
): { line: number; problem: RowProblem }[] {
  return findDuplicateRecords(
    records,
    (record) => `${record.authority.id}:${record.year}`,
    (record) => `exercice ${record.year}`,
  );
}

export interface StoredFinance {
  id: number;
  authorityId: number;
  year: number;
  operatingRevenue: number;
}

export interface FinanceWritePlan {
  inserts: FinanceRecord[];
  updates: { id: number; record: FinanceRecord }[];
  unchanged: FinanceRecord[];
}

/** Which records are new, which change a stored amount, which repeat it (to the cent). */
export function planFinanceWrites(
  records: readonly FinanceRecord[],
  stored: readonly StoredFinance[],
): FinanceWritePlan {
  const byKey = new Map(stored.map((s) => [`${s.authorityId}:${s.year}`, s]));
  const plan: FinanceWritePlan = { inserts: [], updates: [], unchanged: [] };
  for (const record of records) {
    const existing = byKey.get(`${record.authority.id}:${record.year}`);
    if (!existing) plan.inserts.push(record);
    else if (Math.abs(existing.operatingRevenue - record.operatingRevenue) < 0.005)
      plan.unchanged.push(record);
    else plan.updates.push({ id: existing.id, record });
  }
  return plan;
}
