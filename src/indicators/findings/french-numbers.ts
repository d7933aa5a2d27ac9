import { formatCount, formatDecimal } from '../statistics/reading.ts';

/**
 * Numbers written as a French study writes them: small counts in words (« six départements »),
 * larger ones in figures with a narrow no-break space (« 1 234 »), a sentence never opening on
 * figures, percentages with a no-break space (« 34 % »). Traditional spelling (« vingt et un »,
 * « quatre-vingts », « deux cents »).
 */

const NBSP = '\u00a0';
const UNITS = [
  'zéro',
  'un',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
  'onze',
  'douze',
  'treize',
  'quatorze',
  'quinze',
  'seize',
  'dix-sept',
  'dix-huit',
  'dix-neuf',
];
const TENS = [
  '',
  '',
  'vingt',
  'trente',
  'quarante',
  'cinquante',
  'soixante',
  'soixante',
  'quatre-vingt',
  'quatre-vingt',
];

export type Gender = 'masculine' | 'feminine';

function below100(n: number): string {
  if (n < 20) return UNITS[n] as string;
  const tens = Math.floor(n / 10);
  const units = n % 10;
  const base = TENS[tens] as string;
  // 70–79 and 90–99 count on from soixante and quatre-vingt: soixante-douze, quatre-vingt-dix-sept.
  if (tens === 7 || tens === 9)
    return tens === 7 && units === 1 ? 'soixante et onze' : `${base}-${UNITS[10 + units]}`;
  if (units === 0) return tens === 8 ? 'quatre-vingts' : base;
  if (units === 1 && tens !== 8) return `${base} et un`;
  return `${base}-${UNITS[units]}`;
}

function below1000(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0) return below100(rest);
  const hundred = hundreds === 1 ? 'cent' : `${UNITS[hundreds]} cent${rest === 0 ? 's' : ''}`;
  return rest === 0 ? hundred : `${hundred} ${below100(rest)}`;
}

/** A whole number from 0 to 999 999 in words; « une » for a feminine noun. */
export function spellNumber(n: number, gender: Gender = 'masculine'): string {
  if (!Number.isInteger(n) || n < 0 || n > 999_999) throw new RangeError(`Nombre hors de 0–999 999 : ${n}`);
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  let words: string;
  if (thousands === 0) words = below1000(rest);
  else {
    // « mille » is invariable and makes « vingts » and « cents » before it invariable too.
    const head = thousands === 1 ? 'mille' : `${below1000(thousands).replace(/(vingt|cent)s$/, '$1')} mille`;
    words = rest === 0 ? head : `${head} ${below1000(rest)}`;
  }
  return gender === 'feminine' ? words.replace(/(^|[ -])un$/, '$1une') : words;
}

/** Counts up to ten are written in words in running text, larger ones in figures. */
const WORDS_UP_TO = 10;
/** At the start of a sentence, numbers up to this are written in words; beyond, the sentence is turned. */
const SENTENCE_START_WORDS_UP_TO = 100;

/** A count inside a sentence: « six », « 41 », « 1 234 ». */
export function countText(n: number, gender: Gender = 'masculine'): string {
  return n <= WORDS_UP_TO ? spellNumber(n, gender) : formatCount(n);
}

/** Whether a count can open a sentence in words. */
export function spellableAtStart(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= SENTENCE_START_WORDS_UP_TO;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** « 34 % » from a share in [0, 1], rounded to whole percents (no-break space before %). */
export function percentText(share: number, decimals = 0): string {
  return `${formatDecimal(100 * share, decimals)}${NBSP}%`;
}

/** A figure that is usually whole: « 23 », or « 23,5 » for a median between two values. */
export function figureText(value: number, decimals = 1): string {
  return Number.isInteger(value) ? formatCount(value) : formatDecimal(value, decimals);
}

/** « A », « A et B », « A, B et C ». */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items.at(-1)}`;
}
