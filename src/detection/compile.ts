import type { CompetenceKind, Referential } from '../referential/referential.schema.ts';
import { normalizeFrench, type PhraseEntry, PhraseMatcher } from '../shared/french-text.ts';
import type {
  CompiledReferential,
  NegativeCategory,
  ServicePhrase,
  ServiceTarget,
} from './detection.types.ts';
import { genreCategoriesOf, negativeCategoriesOf } from './detectors/negative-cues.ts';
import type { Platform, PlatformIndex } from './platforms.ts';

/**
 * Everything detection needs from a referential, compiled once: phrase matcher, URL hints,
 * platform names. Detecting a page then costs one pass over its words.
 */

const PARENTHESIS = /\s*\(([^)]*)\)\s*/g;

/** "Revenu de solidarité active (RSA)" → "Revenu de solidarité active" and "RSA". */
function nameVariants(name: string): { plain: string; acronyms: string[] } {
  const acronyms = [...name.matchAll(PARENTHESIS)]
    .map((match) => (match[1] ?? '').trim())
    .filter((inner) => /^[A-Z]{2,6}$/.test(inner));
  return { plain: name.replace(PARENTHESIS, ' ').trim(), acronyms };
}

/** URL fragments compared word by word: "acte_de.naissance" → "acte-de-naissance". */
export function normalizeUrlHint(hint: string): string {
  return hint
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '')
    .join('-');
}

export function compileReferential(
  referential: Referential,
  platforms: PlatformIndex,
  options: { kinds?: readonly CompetenceKind[] } = {},
): CompiledReferential {
  const kinds = options.kinds;
  const selected = referential.services.filter(
    (service) =>
      kinds === undefined || kinds.length === 0 || service.applies_to.some((kind) => kinds.includes(kind)),
  );

  // An acronym names a service only when no other selected service carries it.
  const acronymOwners = new Map<string, Set<string>>();
  for (const service of selected) {
    for (const acronym of nameVariants(service.name).acronyms) {
      const owners = acronymOwners.get(acronym) ?? new Set<string>();
      owners.add(service.key);
      acronymOwners.set(acronym, owners);
    }
  }

  const services = new Map<string, ServiceTarget>();
  const entries: PhraseEntry<ServicePhrase>[] = [];
  const urlHints = new Map<string, string[]>();
  for (const service of selected) {
    const { plain, acronyms } = nameVariants(service.name);
    const phrases = [...service.phrases];
    const folded = new Set(phrases.map((phrase) => normalizeFrench(phrase)));
    const extras = [plain, ...acronyms.filter((acronym) => acronymOwners.get(acronym)?.size === 1)];
    for (const extra of extras) {
      if (!folded.has(normalizeFrench(extra))) {
        phrases.push(extra);
        folded.add(normalizeFrench(extra));
      }
    }
    const hints = [...new Set(service.url_hints.map(normalizeUrlHint))];
    const exempt = new Set<NegativeCategory>();
    for (const phrase of service.phrases)
      for (const category of negativeCategoriesOf(phrase)) exempt.add(category);
    const genre = genreCategoriesOf(plain);
    for (const category of genre) exempt.add(category);
    services.set(service.key, {
      key: service.key,
      name: service.name,
      theme: service.theme,
      phrases,
      urlHints: hints,
      exemptFrom: [...exempt],
      genre,
    });
    for (const phrase of phrases) entries.push({ phrase, value: { service: service.key } });
    for (const hint of hints) urlHints.set(hint, [...(urlHints.get(hint) ?? []), service.key]);
  }

  const platformEntries: PhraseEntry<Platform>[] = [];
  for (const platform of platforms.platforms) {
    for (const name of platform.names ?? []) platformEntries.push({ phrase: name, value: platform });
  }

  return {
    services,
    phraseMatcher: PhraseMatcher.compile(entries),
    urlHints,
    platforms,
    platformNames: PhraseMatcher.compile(platformEntries),
  };
}
