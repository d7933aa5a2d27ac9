import { z } from 'zod';
import type { ReviewQueueFilters } from '../../assessments/review.repository.ts';
import { AUTHORITY_KINDS, type AuthorityKind } from '../../db/schema.ts';
import { validate } from '../validate.ts';
import { kindFromSlug, kindSlug } from './kind-slugs.ts';

/**
 * URL parameters of the review screens (French names), checked before anything reaches a query:
 * a value outside its shape is a 400 naming the field, never a database error.
 */

export const QUEUE_PAGE_SIZE = 25;

/** Confidence bands of the queue's filter: half-open, so each detection falls in exactly one. */
export const CONFIDENCE_BANDS = {
  faible: { label: 'Faible (moins de 0,5)', filter: { belowConfidence: 0.5 } },
  moyenne: { label: 'Moyenne (0,5 à moins de 0,8)', filter: { minConfidence: 0.5, belowConfidence: 0.8 } },
  elevee: { label: 'Élevée (0,8 et plus)', filter: { minConfidence: 0.8 } },
  aucune: { label: 'Sans confiance (service non trouvé)', filter: { withoutConfidence: true } },
} as const satisfies Record<string, { label: string; filter: Partial<ReviewQueueFilters> }>;
export type ConfidenceBand = keyof typeof CONFIDENCE_BANDS;

const empty = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(empty, schema.optional());

export const yearField = optional(
  z.coerce
    .number({ message: 'année attendue' })
    .int('année attendue')
    .min(2000, 'année attendue')
    .max(2100, 'année attendue'),
);

const queueSchema = z.object({
  edition: yearField,
  theme: optional(z.string().regex(/^[a-z0-9-]{1,60}$/, 'clé de thématique attendue (ex. solidarites)')),
  confiance: optional(
    z.enum(Object.keys(CONFIDENCE_BANDS) as [ConfidenceBand, ...ConfidenceBand[]], {
      message: 'tranche de confiance inconnue',
    }),
  ),
  collectivite: optional(
    z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z]{1,15}$/, 'code de collectivité attendu (INSEE, SIREN ou code unique)'),
  ),
  categorie: optional(
    z.enum(AUTHORITY_KINDS.map(kindSlug) as [string, ...string[]], { message: 'catégorie inconnue' }),
  ),
  niveau: optional(z.coerce.number({ message: 'niveau de 0 à 4 attendu' }).int().min(0).max(4)),
  page: z.preprocess(
    empty,
    z.coerce.number({ message: 'numéro de page attendu' }).int().min(1).max(100_000).default(1),
  ),
});

export interface QueueQuery {
  year: number | undefined;
  theme: string | undefined;
  band: ConfidenceBand | undefined;
  authorityCode: string | undefined;
  kind: AuthorityKind | undefined;
  level: number | undefined;
  page: number;
}

export function parseQueueQuery(query: Record<string, string>): QueueQuery {
  const parsed = validate(queueSchema, query);
  return {
    year: parsed.edition,
    theme: parsed.theme,
    band: parsed.confiance,
    authorityCode: parsed.collectivite?.toUpperCase(),
    kind: parsed.categorie === undefined ? undefined : kindFromSlug(parsed.categorie),
    level: parsed.niveau,
    page: parsed.page,
  };
}

/** The query string of a queue view, for page links and for coming back after an action. */
export function queueSearch(query: QueueQuery, page = query.page): string {
  const params = new URLSearchParams();
  if (query.year !== undefined) params.set('edition', String(query.year));
  if (query.theme) params.set('theme', query.theme);
  if (query.band) params.set('confiance', query.band);
  if (query.authorityCode) params.set('collectivite', query.authorityCode);
  if (query.kind) params.set('categorie', kindSlug(query.kind));
  if (query.level !== undefined) params.set('niveau', String(query.level));
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** A positive integer from a path or form (ids), or a 400 naming the field. */
export function idParam(value: string | undefined, field: string): number {
  return validate(
    z.object({
      [field]: z.coerce
        .number({ message: 'numéro attendu' })
        .int('numéro attendu')
        .positive('numéro attendu')
        .max(Number.MAX_SAFE_INTEGER),
    }),
    { [field]: value === undefined || value.trim() === '' ? undefined : value },
  )[field] as number;
}
