import { z } from 'zod';

/**
 * Shape of the service referential as written in data/referentials/<version>/*.yaml.
 * Rules that need more than one item (unique keys, known theme, version of the directory…)
 * live in referential.loader.ts, which reports them with the file and line of the item.
 */

/** Levels of local government whose competences a theme or a service belongs to. */
export const COMPETENCE_KINDS = ['region', 'departement', 'epci', 'commune'] as const;
export type CompetenceKind = (typeof COMPETENCE_KINDS)[number];

/** "2026.1": edition year, then a revision number within the year. */
export const REFERENTIAL_VERSION_PATTERN = /^\d{4}\.\d+$/;
const KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A fragment of a URL path: lowercase ASCII letters, digits and - _ . / only. */
const URL_HINT_PATTERN = /^[a-z0-9][a-z0-9._/-]*$/;

const versionSchema = z.string().regex(REFERENTIAL_VERSION_PATTERN, {
  error: 'version attendue sous la forme « AAAA.N », par exemple « 2026.1 »',
});

const keySchema = z.string().regex(KEY_PATTERN, {
  error: 'clé attendue en minuscules sans accents, mots séparés par des tirets (kebab-case)',
});

const textSchema = z.string().trim().min(1, { error: 'texte vide' });

const appliesToSchema = z
  .array(z.enum(COMPETENCE_KINDS, { error: `niveau attendu parmi : ${COMPETENCE_KINDS.join(', ')}` }))
  .min(1, { error: 'au moins un niveau de compétence attendu' })
  .refine((kinds) => new Set(kinds).size === kinds.length, { error: 'niveau de compétence en double' });

export const themeSchema = z.strictObject({
  key: keySchema,
  name: textSchema,
  description: textSchema,
  applies_to: appliesToSchema,
});

export const referentialServiceSchema = z.strictObject({
  key: keySchema,
  name: textSchema,
  theme: keySchema,
  applies_to: appliesToSchema,
  description: textSchema,
  /** French phrases a page uses to name the service; matched accent- and case-insensitively. */
  phrases: z.array(textSchema).min(1, { error: 'au moins une expression attendue' }),
  /** Fragments of URL paths that point to the service. */
  url_hints: z
    .array(
      z.string().regex(URL_HINT_PATTERN, {
        error: 'fragment d’URL attendu en minuscules, sans accents ni espaces (lettres, chiffres, - _ . /)',
      }),
    )
    .min(1, { error: 'au moins un fragment d’URL attendu' }),
});

/** themes.yaml. Items are checked one by one so that a bad item does not hide the others. */
export const themesFileSchema = z.strictObject({
  version: versionSchema,
  themes: z.array(z.unknown()).min(1, { error: 'au moins une thématique attendue' }),
});

/** Every other *.yaml of a version. */
export const servicesFileSchema = z.strictObject({
  version: versionSchema,
  services: z.array(z.unknown()).min(1, { error: 'au moins un service attendu' }),
});

export type Theme = z.infer<typeof themeSchema>;
export type ReferentialService = z.infer<typeof referentialServiceSchema>;

export interface Referential {
  version: string;
  /** In file order: the order in which themes are shown. */
  themes: Theme[];
  /** Files in name order, services in file order. */
  services: ReferentialService[];
}
