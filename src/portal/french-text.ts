/**
 * Accent- and case-insensitive French text, so that rules can match « Déclaration d’accessibilité »,
 * « DECLARATION D'ACCESSIBILITE » and « déclaration d'accessibilité » with one pattern.
 *
 * Local to portal checks until a shared normaliser exists in src/shared/ (then merge).
 */

const APOSTROPHES = /[\u2018\u2019\u02bc\u0060\u00b4]/g;
const SPACES = /[\s\u00a0\u2007\u2009\u202f]+/g;
const DASHES = /[\u2010-\u2014]/g;

/** Lowercase, no diacritics, ligatures expanded, one kind of apostrophe, dash and space. */
export function foldFrench(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/gi, (match) => (match === 'œ' ? 'oe' : 'OE'))
    .replace(/æ/gi, (match) => (match === 'æ' ? 'ae' : 'AE'))
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(DASHES, '-')
    .replace(SPACES, ' ')
    .trim();
}
