import { type FrenchToken, PhraseMatcher } from '../shared/french-text.ts';
import type { PageBlock, Signal } from './detection.types.ts';

/**
 * Small helpers the detectors share to find wording cues in blocks: fixed phrases, and pairs
 * of words close to each other ("déposez votre dossier … en ligne").
 */

export function phraseMatcher(phrases: readonly string[]): PhraseMatcher<string> {
  return PhraseMatcher.compile(phrases.map((phrase) => ({ phrase, value: phrase })));
}

/** Token positions where a phrase of the matcher starts and ends. */
export function spans(
  matcher: PhraseMatcher<string>,
  tokens: readonly FrenchToken[],
): Array<[number, number]> {
  return matcher.match(tokens).map((match) => [match.start, match.end]);
}

/** Positions of tokens whose normalised form matches the pattern. */
export function positions(tokens: readonly FrenchToken[], pattern: RegExp): number[] {
  const found: number[] = [];
  tokens.forEach((token, index) => {
    if (pattern.test(token.norm)) found.push(index);
  });
  return found;
}

/** Distance in words between a word and a span (0 when inside). */
function distance(index: number, [start, end]: [number, number]): number {
  if (index < start) return start - index;
  if (index >= end) return index - end + 1;
  return 0;
}

/**
 * Finds an anchor span with a partner word within `window` words, unless an excluded word is
 * even closer to the anchor ("consultable en ligne" is not "déposez … en ligne"); returns the
 * words from the first to the last of the pair, or null.
 */
export function nearPair(
  block: PageBlock,
  anchors: Array<[number, number]>,
  partners: number[],
  window: number,
  excluded?: number[],
): { phrase: string; span: [number, number] } | null {
  for (const anchor of anchors) {
    const partner = partners.find(
      (index) => distance(index, anchor) <= window && distance(index, anchor) > 0,
    );
    if (partner === undefined) continue;
    // An excluded word closer to the anchor than the partner is what the anchor is about.
    if (excluded?.some((index) => distance(index, anchor) <= distance(partner, anchor))) continue;
    const from = Math.min(anchor[0], partner);
    const to = Math.max(anchor[1] - 1, partner);
    return { phrase: wordsOf(block, from, to + 1), span: [from, to + 1] };
  }
  return null;
}

/** Words of a block that triggered a cue, and their token range [start, end). */
export interface Cue {
  phrase: string;
  span: [number, number];
  /** Overrides the detector's strength for this cue. */
  strength?: number;
}

/** The first phrase of the matcher in the block. */
export function firstPhrase(matcher: PhraseMatcher<string>, block: PageBlock): Cue | null {
  const match = matcher.match(block.tokens)[0];
  return match === undefined ? null : { phrase: match.phrase, span: [match.start, match.end] };
}

/**
 * The wording detectors' loop: in each content block, the cue `find` sees (if any) becomes one
 * signal of the detector's kind, located on its words.
 */
export function cueSignals(
  blocks: readonly PageBlock[],
  signal: Pick<Signal, 'kind' | 'detector' | 'strength'>,
  find: (block: PageBlock) => Cue | null,
): Signal[] {
  const signals: Signal[] = [];
  for (const block of contentBlocks(blocks)) {
    const cue = find(block);
    if (cue === null) continue;
    signals.push({
      ...signal,
      strength: cue.strength ?? signal.strength,
      phrase: cue.phrase,
      location: { block: block.index, span: cue.span },
    });
  }
  return signals;
}

/** Blocks that hold the page's own words: title, headings, lines, main-content links. */
export function contentBlocks(blocks: readonly PageBlock[]): PageBlock[] {
  return blocks.filter((block) => block.field !== 'url');
}

/** The phrase of a match, as the page spells it (normalised words). */
export function wordsOf(block: PageBlock, start: number, end: number): string {
  return block.tokens
    .slice(start, end)
    .map((token) => token.norm)
    .join(' ');
}
