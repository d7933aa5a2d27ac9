/**
 * French text as pages write it ("Crèche", "CRECHE", "crèches", "d’APA", "d\u00c3\u00a9marche")
 * folded to one comparable form, and a phrase matcher built on it. Used by detection to find
 * the referential's phrases in page text; the matcher is compiled once per referential.
 */
import { memoizeText } from './memo.ts';

/** UTF-8 text decoded as Latin-1 / Windows-1252 ("dÃ©marche"): the common sequences, repaired. */
const MOJIBAKE: ReadonlyArray<readonly [string, string]> = [
  ['Ã©', 'é'],
  ['Ã¨', 'è'],
  ['Ãª', 'ê'],
  ['Ã«', 'ë'],
  ['Ã ', 'à'],
  ['Ã¢', 'â'],
  ['Ã§', 'ç'],
  ['Ã´', 'ô'],
  ['Ã®', 'î'],
  ['Ã¯', 'ï'],
  ['Ã»', 'û'],
  ['Ã¹', 'ù'],
  ['Ã‰', 'É'],
  ['Ãˆ', 'È'],
  ['Ã€', 'À'],
  ['â€™', '’'],
  ['â€˜', '‘'],
  ['â€œ', '“'],
  ['â€\u009d', '”'],
  ['â€“', '–'],
  ['â€”', '—'],
  ['Å“', 'œ'],
  ['Â ', ' '],
  ['Â«', '«'],
  ['Â»', '»'],
];
const MOJIBAKE_HINT = /[ÃâÅÂ]/;

function repairMojibake(text: string): string {
  if (!MOJIBAKE_HINT.test(text)) return text;
  let repaired = text;
  for (const [broken, fixed] of MOJIBAKE) {
    if (repaired.includes(broken)) repaired = repaired.split(broken).join(fixed);
  }
  return repaired;
}

/**
 * Menus, footers, link texts and headings come back on every page of a site: short texts are
 * folded once (long ones, page text, rarely repeat and would crowd the memory out).
 */
const normalizeShort = memoizeText(foldFrench, { limit: 20_000, maxLength: 200 });

/**
 * Lowercase, accents stripped (NFD), œ/æ expanded, apostrophes, quotes and dashes unified,
 * whitespace collapsed. The replacement character left by a wrong charset ("cr\uFFFDche") is
 * guessed: alone it was most likely "à", inside a word most likely "é".
 */
export function normalizeFrench(text: string): string {
  return normalizeShort(text);
}

function foldFrench(text: string): string {
  return repairMojibake(text)
    .replace(/(^|[^\p{L}\p{N}])\uFFFD(?=$|[^\p{L}\p{N}])/gu, '$1a')
    .replace(/\uFFFD/g, 'e')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[’‘‛`´ʼ′]/g, "'")
    .replace(/[«»“”„‟″]/g, '"')
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Light stemming of one normalised word: plural and feminine endings only, so that
 * "handicapées", "handicapés" and "handicap", or "sociaux" and "sociale", meet. Words of three
 * letters or fewer are kept whole: they are articles, prepositions and acronyms.
 */
export function stemFrench(word: string): string {
  if (word.length <= 3) return word;
  let stem = word;
  if (stem.endsWith('eaux')) stem = stem.slice(0, -1);
  else if (stem.endsWith('aux') && stem.length > 4) stem = `${stem.slice(0, -3)}al`;
  else if ((stem.endsWith('s') && !stem.endsWith('ss')) || stem.endsWith('x')) stem = stem.slice(0, -1);
  if (stem.length <= 4) return stem;
  if (stem.endsWith('trice')) return `${stem.slice(0, -5)}teur`;
  if (stem.endsWith('euse')) return `${stem.slice(0, -4)}eur`;
  if (stem.endsWith('ive')) return `${stem.slice(0, -3)}if`;
  if (stem.endsWith('elle') || stem.endsWith('enne') || stem.endsWith('ette')) return stem.slice(0, -2);
  if (stem.endsWith('ee')) return stem.slice(0, -2);
  if (stem.endsWith('e')) return stem.slice(0, -1);
  return stem;
}

export interface FrenchToken {
  /** Normalised word (see normalizeFrench), without punctuation. */
  norm: string;
  /** stemFrench(norm). */
  stem: string;
}

const WORD = /[a-z0-9]+/g;

const tokenizeShort = memoizeText(
  (text: string): readonly FrenchToken[] => {
    const tokens: FrenchToken[] = [];
    for (const match of foldFrench(text).matchAll(WORD)) {
      const norm = match[0];
      tokens.push({ norm, stem: stemFrench(norm) });
    }
    return Object.freeze(tokens);
  },
  { limit: 10_000, maxLength: 200 },
);

/**
 * Words of a text, normalised and stemmed; punctuation, apostrophes and hyphens separate words.
 * Short texts (link texts, headings, menu lines) are tokenised once and share their tokens.
 */
export function tokenizeFrench(text: string): readonly FrenchToken[] {
  return tokenizeShort(text);
}

/** "APA", "PMI", "PLUi": matched as written (no stemming), so "PMI" does not match "PMIS". */
function isAcronym(word: string): boolean {
  const upper = word.replace(/[^A-Z]/g, '').length;
  return upper >= 2 && upper >= word.length - 1;
}

export interface PhraseEntry<T> {
  phrase: string;
  value: T;
}

export interface PhraseMatch<T> {
  /** The phrase as the entry wrote it. */
  phrase: string;
  value: T;
  /** Token range [start, end) in the tokens given to match(). */
  start: number;
  end: number;
}

interface TrieNode<T> {
  /** Children by stem. */
  next: Map<string, TrieNode<T>>;
  /** Children by exact normalised word (acronyms), kept apart so that they never meet a stem. */
  exact: Map<string, TrieNode<T>>;
  ends: PhraseEntry<T>[];
}

function trieNode<T>(): TrieNode<T> {
  return { next: new Map(), exact: new Map(), ends: [] };
}
/** Shortest word for which one typo (a letter missing, added or replaced) is forgiven. */
const MIN_FUZZY_LENGTH = 7;
/** Words whose resolution a matcher remembers (a bound on memory for long crawls). */
const MAX_RESOLVED = 50_000;

/**
 * Finds phrases in tokenised text, accent- and case-insensitively, on word boundaries, with
 * light stemming and one typo forgiven in long words. Compile once, match many texts.
 */
export class PhraseMatcher<T> {
  private readonly root: TrieNode<T> = trieNode();
  /** Stems of the phrases' words, to tell a known word from a typo. */
  private readonly vocabulary = new Set<string>();
  /** Each long stem with one letter deleted → the stem; ambiguous deletions map to null. */
  private readonly deletions = new Map<string, string | null>();
  /** Page words already resolved: pages share most of their vocabulary. */
  private readonly resolved = new Map<string, string>();

  private constructor(entries: readonly PhraseEntry<T>[]) {
    for (const entry of entries) this.add(entry);
    for (const stem of this.vocabulary) {
      if (stem.length <= MIN_FUZZY_LENGTH) continue;
      for (const variant of deletionsOf(stem)) {
        const known = this.deletions.get(variant);
        this.deletions.set(variant, known === undefined || known === stem ? stem : null);
      }
    }
  }

  static compile<T>(entries: readonly PhraseEntry<T>[]): PhraseMatcher<T> {
    return new PhraseMatcher(entries);
  }

  private add(entry: PhraseEntry<T>): void {
    const words = entry.phrase.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length === 0) return;
    let node = this.root;
    for (const word of words) {
      const norm = normalizeFrench(word);
      const acronym = isAcronym(word);
      const key = acronym ? norm : stemFrench(norm);
      if (!acronym) this.vocabulary.add(key);
      const children = acronym ? node.exact : node.next;
      let child = children.get(key);
      if (child === undefined) {
        child = trieNode();
        children.set(key, child);
      }
      node = child;
    }
    node.ends.push(entry);
  }

  /** The stem a page word stands for: itself when known, else a known stem one typo away. */
  private resolve(token: FrenchToken): string {
    const { stem } = token;
    if (stem.length < MIN_FUZZY_LENGTH || this.vocabulary.has(stem)) return stem;
    let resolved = this.resolved.get(stem);
    if (resolved === undefined) {
      resolved = this.resolveTypo(stem);
      if (this.resolved.size >= MAX_RESOLVED) this.resolved.clear();
      this.resolved.set(stem, resolved);
    }
    return resolved;
  }

  private resolveTypo(stem: string): string {
    // A letter added to a known word.
    for (const variant of deletionsOf(stem)) {
      if (this.vocabulary.has(variant) && variant[0] === stem[0]) return variant;
    }
    // A letter missing from, or replaced in, a known word.
    const missing = this.deletions.get(stem);
    if (missing && missing[0] === stem[0]) return missing;
    for (const variant of deletionsOf(stem)) {
      const replaced = this.deletions.get(variant);
      if (replaced && replaced[0] === stem[0] && replaced.length === stem.length) return replaced;
    }
    return stem;
  }

  /** All matches, longest first at each position; overlapping matches are all kept. */
  match(tokens: readonly FrenchToken[]): PhraseMatch<T>[] {
    const matches: PhraseMatch<T>[] = [];
    const { root } = this;
    for (let start = 0; start < tokens.length; start++) {
      // Most words start no phrase: look them up before walking.
      const token = tokens[start] as FrenchToken;
      const exact = root.exact.size === 0 ? undefined : root.exact.get(token.norm);
      const stemmed = root.next.get(this.resolve(token));
      if (exact === undefined && stemmed === undefined) continue;
      const found: PhraseMatch<T>[] = [];
      if (exact) this.walk(tokens, start, exact, start + 1, found);
      if (stemmed) this.walk(tokens, start, stemmed, start + 1, found);
      if (found.length > 1) found.sort((a, b) => b.end - a.end);
      for (const match of found) matches.push(match);
    }
    return matches;
  }

  matchText(text: string): PhraseMatch<T>[] {
    return this.match(tokenizeFrench(text));
  }

  /** Depth-first over both keys of each word (exact for acronyms, stem otherwise). */
  private walk(
    tokens: readonly FrenchToken[],
    start: number,
    node: TrieNode<T>,
    index: number,
    found: PhraseMatch<T>[],
  ): void {
    for (const entry of node.ends)
      found.push({ phrase: entry.phrase, value: entry.value, start, end: index });
    const token = tokens[index];
    if (token === undefined) return;
    const exact = node.exact.size === 0 ? undefined : node.exact.get(token.norm);
    if (exact) this.walk(tokens, start, exact, index + 1, found);
    const stemmed = node.next.size === 0 ? undefined : node.next.get(this.resolve(token));
    if (stemmed) this.walk(tokens, start, stemmed, index + 1, found);
  }
}

function deletionsOf(word: string): string[] {
  const variants: string[] = [];
  for (let index = 0; index < word.length; index++)
    variants.push(word.slice(0, index) + word.slice(index + 1));
  return variants;
}
