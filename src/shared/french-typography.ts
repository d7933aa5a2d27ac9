/**
 * French typography for published text, in one place: the web pages, the charts and the
 * reports all format numbers and punctuation through these functions, so that a figure reads
 * the same everywhere ("34 875", "12,5 %", « citation »).
 *
 * Conventions (Lexique des règles typographiques en usage à l'Imprimerie nationale):
 * - a narrow no-break space (U+202F) before ; ! ? and as the thousands separator;
 * - a no-break space (U+00A0) before : and inside « guillemets », and before % and units.
 */

export const NBSP = '\u00a0';
export const NARROW_NBSP = '\u202f';

const integerFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/** 34875 → "34 875" (narrow no-break space as thousands separator). */
export function formatInteger(value: number): string {
  return integerFormat.format(value);
}

const decimalFormats = new Map<number, Intl.NumberFormat>();

/** 1234.5 → "1 234,5": decimal comma, a fixed number of decimals (1 by default). */
export function formatDecimal(value: number, decimals = 1): string {
  let format = decimalFormats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('fr-FR', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    decimalFormats.set(decimals, format);
  }
  return format.format(value);
}

/** 0.125 → "12,5 %": a share between 0 and 1, with a no-break space before the sign. */
export function formatPercent(share: number, decimals = 1): string {
  return `${formatDecimal(share * 100, decimals)}${NBSP}%`;
}

/** 1234567 → "1 234 567 €". */
export function formatEuros(value: number): string {
  return `${formatInteger(value)}${NBSP}€`;
}

/** "2026-11-21T10:00:00Z" → "21 novembre 2026" (in UTC, so that a page reads the same everywhere). */
export const formatDate = longDateIn('UTC');

/**
 * "2026-11-21T23:30:00Z" → "22 novembre 2026": the date as lived in metropolitan France, for what
 * a respondent reads about their own deadline or submission (a survey closes at 23:59 Paris time).
 */
export const formatDateInFrance = longDateIn('Europe/Paris');

/** A formatter of dates as « 21 novembre 2026 », as the day falls in `timeZone`. */
function longDateIn(timeZone: string): (value: Date | string) => string {
  const format = new Intl.DateTimeFormat('fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  });
  return (value) => format.format(typeof value === 'string' ? new Date(value) : value);
}

/** « text » with no-break spaces inside the guillemets. */
export function quote(text: string): string {
  return `«${NBSP}${text.trim()}${NBSP}»`;
}

/**
 * Puts the right no-break space before ; : ! ? and inside « », replacing any ordinary space a
 * writer typed there. A colon or mark that is not followed by a space or the end (a URL's
 * "https://", a time "10:30", "?q=") is left alone, so that addresses survive.
 */
export function frenchTypography(text: string): string {
  return text
    .replace(
      /([^\s;!?\u00a0\u202f])[ \u00a0\u202f]*([;!?]+)(?=\s|$|[»)])/g,
      (_m, before: string, marks: string) => `${before}${NARROW_NBSP}${marks}`,
    )
    .replace(/([^\s:\u00a0\u202f])[ \u00a0\u202f]*:(?=\s|$)/g, (_m, before: string) => `${before}${NBSP}:`)
    .replace(/«[ \u00a0\u202f]*/g, `«${NBSP}`)
    .replace(/[ \u00a0\u202f]*»/g, `${NBSP}»`);
}

/** "0 démarche", "1 démarche", "12 démarches": French takes the singular below 2. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatInteger(count)} ${Math.abs(count) < 2 ? singular : pluralForm}`;
}
