import { normalizeFrench } from '../shared/french-text.ts';

/**
 * Reading an accessibility statement (« déclaration d’accessibilité », mandatory under RGAA):
 * which page it is, the declared conformity state, the rate, the RGAA version and the dates.
 * Every function takes raw French text and folds it itself.
 */

export const CONFORMITY_STATES = ['totalement', 'partiellement', 'non'] as const;
export type ConformityState = (typeof CONFORMITY_STATES)[number];

export const CONFORMITY_STATE_LABELS: Readonly<Record<ConformityState, string>> = {
  totalement: 'totalement conforme',
  partiellement: 'partiellement conforme',
  non: 'non conforme',
};

export interface StatementFacts {
  state: ConformityState | null;
  /** Percentage of RGAA criteria respected, 0–100. */
  rate: number | null;
  /** "4.1", "4.1.2", "3"… */
  rgaaVersion: string | null;
  /** ISO date ("2024-03-12") or month ("2024-03") of the audit. */
  auditDate: string | null;
  /** ISO date or month when the statement was drawn up or last updated. */
  statementDate: string | null;
}

const STATE_PATTERNS: readonly { state: ConformityState; pattern: RegExp }[] = [
  { state: 'totalement', pattern: /\b(?:totalement|entierement|pleinement|completement) conforme\b/ },
  { state: 'totalement', pattern: /\b(?:conformite (?:totale|complete|pleine)|pleine conformite)\b/ },
  { state: 'partiellement', pattern: /\bpartiellement conforme\b/ },
  { state: 'partiellement', pattern: /\bconformite partielle\b/ },
  // "non conformes" (plural) and "non-conformités" name the defects listed further down, not the state.
  { state: 'non', pattern: /\bnon[ -]conforme\b(?!s)/ },
  { state: 'non', pattern: /\b(?:n'est pas conforme|aucune conformite|absence de conformite)\b/ },
];

/** The declared state: the earliest mention in the text wins (the « État de conformité » section comes first). */
export function parseConformityState(text: string): ConformityState | null {
  const folded = normalizeFrench(text);
  let earliest: { state: ConformityState; index: number } | null = null;
  for (const { state, pattern } of STATE_PATTERNS) {
    const match = pattern.exec(folded);
    if (match !== null && (earliest === null || match.index < earliest.index)) {
      earliest = { state, index: match.index };
    }
  }
  return earliest?.state ?? null;
}

const NUMBER = String.raw`(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?)`;
const TAUX = `taux (?:global |moyen )?de conformite[^%]{0,80}?${NUMBER} ?%`;
/**
 * In order of authority. The RGAA rate is the share of applicable criteria respected; the
 * « taux moyen » (average over the audited pages) that the official template also prints is
 * only a fallback.
 */
const RATE_PATTERNS: readonly { pattern: RegExp; accept: (match: string) => boolean }[] = [
  // « taux de conformité global : 62 % », « taux de conformité au RGAA 4.1 : 62 % »
  { pattern: new RegExp(TAUX, 'g'), accept: (match) => !match.includes('moyen') },
  // « 62,5 % des critères RGAA respectés », « respecte 74 % des critères », « 68,42 % des critères »
  { pattern: new RegExp(`${NUMBER} ?% des criteres`, 'g'), accept: () => true },
  // « le taux moyen de conformité du site s’élève à 81 % »
  { pattern: new RegExp(TAUX, 'g'), accept: () => true },
  // « conforme à 62 % », « 62 % de conformité »
  { pattern: new RegExp(`conforme (?:a|au rgaa a) ${NUMBER} ?%`, 'g'), accept: () => true },
  { pattern: new RegExp(`${NUMBER} ?% de conformite`, 'g'), accept: () => true },
];

export function parseConformityRate(text: string): number | null {
  const folded = normalizeFrench(text);
  for (const { pattern, accept } of RATE_PATTERNS) {
    for (const match of folded.matchAll(pattern)) {
      const raw = match[1];
      if (raw === undefined || !accept(match[0])) continue;
      const rate = Number(raw.replace(',', '.'));
      if (Number.isFinite(rate) && rate >= 0 && rate <= 100) return rate;
    }
  }
  return null;
}

export function parseRgaaVersion(text: string): string | null {
  const match = /\brgaa\)?,? ?(?:version ?|v\.? ?)?(\d{1,2}(?:[.,]\d{1,2}){0,2})/.exec(normalizeFrench(text));
  return match?.[1]?.replaceAll(',', '.') ?? null;
}

const MONTHS = [
  'janvier',
  'fevrier',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'aout',
  'septembre',
  'octobre',
  'novembre',
  'decembre',
];
const MONTH = `(${MONTHS.join('|')})`;
const DATE_PATTERNS: readonly { pattern: RegExp; toIso: (match: RegExpExecArray) => string | null }[] = [
  { pattern: /\b(\d{4})-(\d{2})-(\d{2})\b/g, toIso: (m) => isoDay(m[1], m[2], m[3]) },
  { pattern: /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b/g, toIso: (m) => isoDay(m[3], m[2], m[1]) },
  {
    pattern: new RegExp(String.raw`\b(1er|\d{1,2}) ${MONTH} (\d{4})\b`, 'g'),
    toIso: (m) => isoDay(m[3], String(MONTHS.indexOf(m[2] ?? '') + 1), m[1] === '1er' ? '1' : m[1]),
  },
  {
    pattern: new RegExp(String.raw`\b${MONTH} (\d{4})\b`, 'g'),
    toIso: (m) => isoMonth(m[2], String(MONTHS.indexOf(m[1] ?? '') + 1)),
  },
];

function isoMonth(year: string | undefined, month: string | undefined): string | null {
  const y = Number(year);
  const mo = Number(month);
  if (!(y >= 1990 && y <= 2100 && mo >= 1 && mo <= 12)) return null;
  return `${y}-${String(mo).padStart(2, '0')}`;
}

function isoDay(year: string | undefined, month: string | undefined, day: string | undefined): string | null {
  const prefix = isoMonth(year, month);
  const d = Number(day);
  if (prefix === null || !(d >= 1 && d <= 31)) return null;
  return `${prefix}-${String(d).padStart(2, '0')}`;
}

/** Dates found in folded text, with their position. A day-precise date hides the month-only reading of it. */
function datesIn(folded: string): { index: number; iso: string }[] {
  const found: { index: number; end: number; iso: string }[] = [];
  for (const { pattern, toIso } of DATE_PATTERNS) {
    for (const match of folded.matchAll(pattern)) {
      const iso = toIso(match);
      const index = match.index;
      const end = index + match[0].length;
      if (iso === null || found.some((other) => index < other.end && end > other.index)) continue;
      found.push({ index, end, iso });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * The date nearest a keyword, in the sentences that contain it: the first date after the
 * keyword, else the last one before it (« établie le 10/01/2024 à la suite d’un audit réalisé
 * le 05/12/2023 » gives the audit 2023-12-05).
 */
function dateNear(text: string, keyword: RegExp): string | null {
  for (const sentence of splitSentences(text)) {
    const folded = normalizeFrench(sentence);
    const at = keyword.exec(folded);
    if (at === null) continue;
    const dates = datesIn(folded);
    const after = dates.find((date) => date.index >= at.index);
    const chosen = after ?? dates.at(-1);
    if (chosen !== undefined) return chosen.iso;
  }
  return null;
}

const AUDIT_KEYWORD = /\b(?:audit|evaluation|controle)/;
const STATEMENT_DATE_KEYWORD = /\b(?:etablie|mise a jour|actualisee|publiee|redigee|date de la declaration)/;

export function parseAuditDate(text: string): string | null {
  return dateNear(text, AUDIT_KEYWORD);
}

export function parseStatementDate(text: string): string | null {
  return dateNear(text, STATEMENT_DATE_KEYWORD);
}

export function parseStatement(text: string): StatementFacts {
  return {
    state: parseConformityState(text),
    rate: parseConformityRate(text),
    rgaaVersion: parseRgaaVersion(text),
    auditDate: parseAuditDate(text),
    statementDate: parseStatementDate(text),
  };
}

/** State implied by a rate under the RGAA rule, when the statement gives no state. */
export function stateFromRate(rate: number, partialMinRate: number, fullRate: number): ConformityState {
  if (rate >= fullRate) return 'totalement';
  return rate >= partialMinRate ? 'partiellement' : 'non';
}

/** Sentences (or lines) of a text; a dot inside "4.1" or "12.03.2024" does not end one. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?;])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== '');
}

const RELEVANT_SENTENCE = /conform|taux|%|rgaa|audit|evaluation|etablie|mise a jour|declaration/;

/**
 * What we keep of a candidate statement page while crawling: its sentences about conformity,
 * rate, RGAA and dates, in order, within `maxBytes` of UTF-8.
 */
export function statementExcerpt(text: string, maxBytes: number): string {
  const kept: string[] = [];
  let bytes = 0;
  for (const sentence of splitSentences(text)) {
    if (!RELEVANT_SENTENCE.test(normalizeFrench(sentence))) continue;
    const size = Buffer.byteLength(sentence, 'utf8') + 1;
    if (bytes + size > maxBytes) {
      const room = maxBytes - bytes - 1;
      if (room > 0) kept.push(truncateUtf8(sentence, room));
      break;
    }
    kept.push(sentence);
    bytes += size;
  }
  return kept.join('\n');
}

function truncateUtf8(text: string, maxBytes: number): string {
  let result = '';
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > maxBytes) break;
    result += char;
    bytes += size;
  }
  return result;
}

const STATEMENT_TITLE = /\bdeclaration (?:d'|de l')? ?accessibilite\b/;
const STATEMENT_PATH = /accessibilite|accessibility/;

/** Link text naming accessibility: « Accessibilité : partiellement conforme », « Déclaration d’accessibilité ». */
export function isAccessibilityLinkText(text: string): boolean {
  return /\baccessibilite\b/.test(normalizeFrench(text));
}

/** URL path hint of a statement page: /accessibilite, /declaration-accessibilite, /accessibility… */
export function isStatementPath(foldedPathOfUrl: string): boolean {
  return STATEMENT_PATH.test(foldedPathOfUrl);
}

export interface StatementPageSignals {
  /** Title or a heading says « Déclaration d’accessibilité ». */
  titled: boolean;
  /** Title or a heading mentions accessibility at all. */
  mentionsInTitle: boolean;
  /** URL path such as /accessibilite or /declaration-accessibilite. */
  urlHint: boolean;
  /** The text names the statement and talks about conformity or RGAA. */
  textual: boolean;
}

export function statementPageSignals(
  page: { title: string; headings: readonly string[]; text: string },
  foldedPathOfUrl: string,
): StatementPageSignals {
  const heads = [page.title, ...page.headings].map(normalizeFrench);
  const text = normalizeFrench(page.text);
  return {
    titled: heads.some((head) => STATEMENT_TITLE.test(head)),
    mentionsInTitle: heads.some((head) => /\baccessibilite\b/.test(head)),
    urlHint: isStatementPath(foldedPathOfUrl),
    textual: STATEMENT_TITLE.test(text) && /conform|rgaa/.test(text),
  };
}

/** Strength of the evidence that a page is the statement; 0 means it is not a candidate. */
export function statementPageScore(signals: StatementPageSignals, linkedAsAccessibility: boolean): number {
  const identified = signals.titled || signals.urlHint || linkedAsAccessibility;
  if (!identified) return 0;
  return (
    (signals.titled ? 4 : 0) +
    (signals.mentionsInTitle ? 1 : 0) +
    (signals.urlHint ? 2 : 0) +
    (linkedAsAccessibility ? 2 : 0) +
    (signals.textual ? 1 : 0)
  );
}
