/** Small French-text helpers for the farm's templates. */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** "Allocation personnalisée d'autonomie (APA)" → "allocation-personnalisee-d-autonomie-apa". */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** First letter lowercased unless the word is an acronym ("APA", "RSA"). */
export function uncapitalise(text: string): string {
  const firstWord = text.split(/[\s']/)[0] ?? '';
  if (firstWord.length > 1 && firstWord === firstWord.toUpperCase()) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** "a", "a et b", "a, b et c". */
export function listFr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} et ${items.at(-1)}`;
}

/** "de" + noun with elision: "d'APA", "de l'allocation", "du" is left to the templates. */
export function deFr(noun: string): string {
  return /^[aeiouyhàâéèêîôûœAEIOUYHÀÂÉÈÊÎÔÛŒ]/.test(noun) ? `d'${noun}` : `de ${noun}`;
}

/** Characters outside ISO-8859-1 replaced by their usual ASCII stand-ins, as old CMSs did. */
export function toLatin1Safe(text: string): string {
  return text
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/…/g, '...')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/€/g, 'EUR')
    .replace(/\u202f/g, '\u00a0')
    .replace(/[\u0100-\uffff]/g, '?');
}

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** "3 mars 2026". Month is 1-based. */
export function dateFr(year: number, month: number, day: number): string {
  return `${day === 1 ? '1er' : day} ${MONTHS[(month - 1 + 12) % 12]} ${year}`;
}

export function monthFr(month: number): string {
  return MONTHS[(month - 1 + 12) % 12] ?? '';
}

/** "2026-03" shifted by `delta` months. */
export function shiftMonth(yearMonth: string, delta: number): string {
  const [year = 2026, month = 1] = yearMonth.split('-').map(Number);
  const index = year * 12 + (month - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
