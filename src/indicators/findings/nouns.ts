import type { AuthorityKind } from '../../db/schema.ts';
import { capitalise, countText, type Gender, spellableAtStart, spellNumber } from './french-numbers.ts';

/** How findings name authorities of each kind, with the agreements French needs. */
export interface Noun {
  singular: string;
  plural: string;
  gender: Gender;
}

export const KIND_NOUNS: Readonly<Record<AuthorityKind, Noun>> = {
  region: { singular: 'région', plural: 'régions', gender: 'feminine' },
  departement: { singular: 'département', plural: 'départements', gender: 'masculine' },
  collectivite_unique: {
    singular: 'collectivité à statut particulier',
    plural: 'collectivités à statut particulier',
    gender: 'feminine',
  },
  epci: { singular: 'intercommunalité', plural: 'intercommunalités', gender: 'feminine' },
  commune: { singular: 'commune', plural: 'communes', gender: 'feminine' },
};

/** Headings of the findings, one per kind. */
export const KIND_HEADINGS: Readonly<Record<AuthorityKind, string>> = {
  region: 'Régions',
  departement: 'Départements',
  collectivite_unique: 'Collectivités à statut particulier',
  epci: 'Intercommunalités',
  commune: 'Communes',
};

const feminine = (noun: Noun) => noun.gender === 'feminine';

/** « six départements », « une commune », « 41 départements » inside a sentence. */
export function counted(n: number, noun: Noun): string {
  return `${countText(n, noun.gender)} ${n === 1 ? noun.singular : noun.plural}`;
}

/**
 * A count opening a sentence: « Six départements », « Quatre-vingt-dix-huit départements »;
 * beyond a hundred, « Au total, 1 234 communes ».
 */
export function countedAtStart(n: number, noun: Noun): string {
  const name = n === 1 ? noun.singular : noun.plural;
  if (spellableAtStart(n)) return `${capitalise(spellNumber(n, noun.gender))} ${name}`;
  return `Au total, ${countText(n, noun.gender)} ${name}`;
}

/** « Tous les départements », « Toutes les communes ». */
export function all(noun: Noun): string {
  return `${feminine(noun) ? 'Toutes' : 'Tous'} les ${noun.plural}`;
}

/** « Aucun département », « Aucune commune ». */
export function none(noun: Noun): string {
  return `${feminine(noun) ? 'Aucune' : 'Aucun'} ${noun.singular}`;
}

/** « Un seul département », « Une seule commune ». */
export function onlyOne(noun: Noun): string {
  return feminine(noun) ? `Une seule ${noun.singular}` : `Un seul ${noun.singular}`;
}

/** Pronouns for the clauses that follow: « aucun », « un seul », « tous » (and feminines). */
export function pronouns(noun: Noun): { none: string; one: string; all: string; each: string } {
  return feminine(noun)
    ? { none: 'aucune', one: 'une seule', all: 'toutes', each: 'chacune' }
    : { none: 'aucun', one: 'un seul', all: 'tous', each: 'chacun' };
}

/** Third-person verb agreeing with a count: verb(1, 'propose', 'proposent'). */
export function verb(n: number, singular: string, plural: string): string {
  return n === 1 ? singular : plural;
}
