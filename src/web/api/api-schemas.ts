import { z } from 'zod';
import { AUTHORITY_KINDS } from '../../db/schema.ts';
import { kindSlug } from '../routes/kind-slugs.ts';

/**
 * The API's parameters and answers, as zod schemas: handlers validate with them and the
 * OpenAPI document (/api/v1/openapi.json) is generated from them, so the two cannot drift.
 */

const KIND_SLUGS = AUTHORITY_KINDS.map(kindSlug) as [string, ...string[]];
export const kindSlugSchema = z.enum(KIND_SLUGS).describe('Type de collectivité');

export const territoriesQuery = z.object({
  kind: kindSlugSchema.optional(),
  region: z
    .string()
    .regex(/^\d{2}$/, 'code de région à 2 chiffres attendu')
    .optional()
    .describe('Code INSEE de la région'),
  departement: z
    .string()
    .regex(/^(\d{2,3}|2[AB])$/i, 'code de département attendu (01, 2A, 974…)')
    .transform((code) => code.toUpperCase())
    .optional()
    .describe('Code INSEE du département'),
  page: z.coerce.number().int().min(1, 'la page commence à 1').default(1),
  per_page: z.coerce.number().int().min(1).max(500, '500 au plus').default(50),
});

export const searchQuery = z.object({
  q: z.string().trim().min(1, 'texte à chercher manquant').max(100, '100 caractères au plus'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const assessmentsQuery = z.object({
  edition: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .optional()
    .describe('Année de l’édition ; par défaut l’édition courante'),
});

export const territoryParams = z.object({ kind: kindSlugSchema, code: z.string().min(1).max(20) });

const territory = z.object({
  kind: kindSlugSchema,
  code: z.string().describe('Code officiel géographique, ou SIREN pour un EPCI'),
  siren: z.string().nullable(),
  name: z.string(),
  region_code: z.string().nullable(),
  departement_code: z.string().nullable(),
  population: z.number().int().nullable(),
  url: z.string().describe('Chemin de la ressource dans l’API'),
});

const ref = z.object({ kind: kindSlugSchema, code: z.string(), name: z.string() }).nullable();

export const territoryDetail = territory.extend({
  population_year: z.number().int().nullable(),
  status_note: z.string().nullable(),
  region: ref,
  departement: ref,
  council: ref.describe('Collectivité qui exerce les compétences de ce territoire'),
  website: z.object({ url: z.string(), source: z.string() }).nullable(),
  operating_revenue: z
    .object({ year: z.number().int(), amount: z.number(), source: z.string() })
    .nullable()
    .describe('Recettes réelles de fonctionnement, en euros'),
});

export const edition = z.object({
  year: z.number().int(),
  title: z.string(),
  status: z.enum(['draft', 'published']),
  referential_version: z.string(),
  published_at: z.string().nullable(),
});

export const assessment = z.object({
  theme: z.object({ key: z.string(), name: z.string() }),
  service: z.object({ key: z.string(), name: z.string() }),
  level: z
    .number()
    .int()
    .min(0)
    .max(4)
    .describe('Niveau de numérisation, de 0 (absent) à 4 (de bout en bout)'),
  platform: z.string().nullable(),
  evidence_url: z.string().nullable().describe('Page qui prouve le niveau'),
  source: z.enum(['crawler', 'analyst', 'survey', 'declared']),
  confidence: z.number().nullable(),
  assessed_at: z.string(),
});

export const indicators = z.object({
  index: z.number().min(0).max(100).describe('Indice composite de 0 à 100 (docs/methodology.md)'),
  index_partial: z
    .boolean()
    .describe('Vrai quand une composante manquait et que l’indice repose sur les autres'),
  rank: z.number().int().describe('Rang parmi les collectivités du même type (1 = meilleur)'),
  rank_total: z.number().int(),
  peer_group: z
    .string()
    .nullable()
    .describe('Type et strate de population ; vide si la population est inconnue'),
  peer_rank: z.number().int().nullable(),
  peer_total: z.number().int().nullable(),
  percentile: z.number().min(0).max(100),
  services_applicable: z.number().int(),
  levels: z.array(z.number().int()).length(5).describe('Services aux niveaux 0 à 4'),
  end_to_end: z.number().int(),
  partial: z.number().int(),
  themes_applicable: z.number().int(),
  themes_covered: z.number().int(),
  theme_rates: z.record(
    z.string(),
    z.object({ applicable: z.number().int(), digitalised: z.number().int(), end_to_end: z.number().int() }),
  ),
  portal_score: z.number().nullable(),
  change: z.object({
    status: z.enum(['comparable', 'not_comparable', 'new', 'none']),
    index_change: z.number().nullable(),
    end_to_end_change: z.number().int().nullable(),
  }),
});

export const searchHit = z.object({
  reason: z.enum(['code', 'postal_code', 'name']),
  postal_code: z.string().optional(),
  territory,
});

export const pageMeta = z.object({
  page: z.number().int(),
  per_page: z.number().int(),
  total: z.number().int(),
});

export const apiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    problems: z.array(z.object({ field: z.string().optional(), message: z.string() })).optional(),
  }),
});

export const responses = {
  editions: z.object({ data: z.array(edition) }),
  territories: z.object({ data: z.array(territory), meta: pageMeta }),
  territory: z.object({ data: territoryDetail }),
  assessments: z.object({
    data: z.object({
      edition,
      territory,
      simulated: z.boolean().describe('Vrai si les évaluations viennent de sites simulés (démonstration)'),
      assessments: z.array(assessment),
    }),
  }),
  search: z.object({ data: z.array(searchHit) }),
  indicators: z.object({
    data: z.object({
      edition,
      territory: territoryDetail,
      method_version: z.string(),
      indicators,
    }),
  }),
};
