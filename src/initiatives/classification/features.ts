import { normalizeFrench, PhraseMatcher, stemFrench, tokenizeFrench } from '../../shared/french-text.ts';
import type { DomainTaxonomy } from '../domains.ts';

/**
 * What the classifier sees of an initiative: the stems of its meaningful words, pairs of
 * consecutive stems (« conseil municipal » is not « conseil » plus « municipal »), and, for
 * each domain, how many of the taxonomy's keywords the text contains. Every feature remembers
 * the words of the text it came from, so that a decision can be explained in the user's words.
 */

/** French function words and words every initiative uses: they carry no domain. */
const STOPWORDS = new Set(
  (
    'les des une aux par pour sur dans avec sans sous entre vers chez leur leurs son ses sa nos notre votre vos ' +
    'qui que quoi dont est sont ete etre avoir ont fait font peut peuvent plus moins tres tout tous toute toutes ' +
    'cette ces cet ceux celle elle ils elles nous vous aussi ainsi donc puis depuis lors chaque afin selon ' +
    'commune communes ville mairie municipal municipale municipaux habitant habitants collectivite ' +
    'intercommunalite communaute mise place nouveau nouvelle nouveaux permet permettre propose proposer ' +
    'desormais annee mois semaine jour jours fois ligne'
  )
    .split(' ')
    .map(stemFrench),
);

export interface TextFeatures {
  /** Feature name → value (1 for words; keyword count for `lex:` features). */
  values: Map<string, number>;
  /** Feature name → the words of the text behind it, as written. */
  words: Map<string, string[]>;
}

export interface FeatureExtractor {
  extract(title: string, description: string): TextFeatures;
}

const PREFIX_LENGTH = 5;

/** Most keyword matches of one domain counted: beyond it, repetition is not more evidence. */
const MAX_KEYWORD_COUNT = 3;

export function createFeatureExtractor(taxonomy: DomainTaxonomy): FeatureExtractor {
  const matcher = PhraseMatcher.compile(
    taxonomy.domains.flatMap((domain) => domain.keywords.map((phrase) => ({ phrase, value: domain.key }))),
  );
  return {
    extract(title, description) {
      const text = `${title}. ${description}`;
      const values = new Map<string, number>();
      const words = new Map<string, string[]>();
      const surfaces = surfaceWords(text);
      const tokens = tokenizeFrench(text);
      let previous: { stem: string; surface: string } | undefined;
      for (const token of tokens) {
        const kept = token.norm.length >= 3 && !STOPWORDS.has(token.stem) && !/^\d+$/.test(token.norm);
        if (!kept) {
          previous = undefined;
          continue;
        }
        const surface = surfaces.get(token.norm) ?? token.norm;
        add(values, words, `w:${token.stem}`, 1, surface);
        // Word families share their start (« numérisation », « numérisés », « numérique »):
        // a prefix lets a word unseen in training count through its relatives.
        if (token.norm.length > PREFIX_LENGTH)
          add(values, words, `p:${token.norm.slice(0, PREFIX_LENGTH)}`, 1, surface);
        if (previous !== undefined) {
          add(values, words, `b:${previous.stem}_${token.stem}`, 1, `${previous.surface} ${surface}`);
        }
        previous = { stem: token.stem, surface };
      }
      // A keyword counts once per distinct phrase; it is shown as the text wrote it.
      const matched = new Map<string, { phrases: Set<string>; spans: Set<string> }>();
      for (const match of matcher.match(tokens)) {
        const entry = matched.get(match.value) ?? { phrases: new Set<string>(), spans: new Set<string>() };
        entry.phrases.add(match.phrase);
        entry.spans.add(
          tokens
            .slice(match.start, match.end)
            .map((token) => surfaces.get(token.norm) ?? token.norm)
            .join(' '),
        );
        matched.set(match.value, entry);
      }
      for (const [domain, { phrases, spans }] of matched) {
        values.set(`lex:${domain}`, Math.min(phrases.size, MAX_KEYWORD_COUNT));
        words.set(`lex:${domain}`, [...spans]);
      }
      return { values, words };
    },
  };
}

function add(
  values: Map<string, number>,
  words: Map<string, string[]>,
  name: string,
  value: number,
  word: string,
) {
  values.set(name, value);
  if (!words.has(name)) words.set(name, [word]);
}

/** Normalised word → the word as the text wrote it (first occurrence, lower case). */
function surfaceWords(text: string): Map<string, string> {
  const surfaces = new Map<string, string>();
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const norm = normalizeFrench(match[0]);
    if (!surfaces.has(norm)) surfaces.set(norm, match[0].toLowerCase());
  }
  return surfaces;
}
