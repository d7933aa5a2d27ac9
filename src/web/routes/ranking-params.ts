import { z } from 'zod';
import { AUTHORITY_KINDS } from '../../db/schema.ts';
import { peerGroupsOf } from '../../indicators/ranking.rules.ts';
import { RANKING_SORTS, type RankingSort, type SortDirection } from '../../indicators/ranking-sorts.ts';
import { UserError } from '../../shared/errors.ts';
import { kindFromSlug, kindSlug } from './kind-slugs.ts';

/**
 * The rankings page's view as URL parameters (French names): one GET form sets the filters,
 * column headers and page links only change `tri`, `ordre` and `page`, and the CSV link carries
 * the same filters and order.
 */

export const PER_PAGE_CHOICES = [25, 50, 100, 200] as const;
const PEER_GROUPS = new Set(AUTHORITY_KINDS.flatMap((kind) => peerGroupsOf(kind).map((g) => g.value)));
const empty = (value: unknown) => (value === '' ? undefined : value);

const rankingSchema = z.object({
  categorie: z.preprocess(
    empty,
    z
      .enum(AUTHORITY_KINDS.map(kindSlug) as [string, ...string[]], { message: 'catégorie inconnue' })
      .optional(),
  ),
  region: z.preprocess(
    empty,
    z
      .string()
      .regex(/^\d{2}$/, 'code de région à 2 chiffres attendu')
      .optional(),
  ),
  departement: z.preprocess(
    empty,
    z
      .string()
      .regex(/^(\d{2,3}|2[AB])$/i, 'code de département attendu (01, 2A, 974…)')
      .transform((code) => code.toUpperCase())
      .optional(),
  ),
  strate: z.preprocess(
    empty,
    z
      .string()
      .refine((value) => PEER_GROUPS.has(value), 'strate inconnue')
      .optional(),
  ),
  tri: z.preprocess(empty, z.enum(RANKING_SORTS, { message: 'colonne de tri inconnue' }).default('indice')),
  ordre: z.preprocess(
    empty,
    z.enum(['asc', 'desc'], { message: 'ordre « asc » ou « desc » attendu' }).optional(),
  ),
  page: z.preprocess(
    empty,
    z.coerce.number().int('nombre entier attendu').min(1, 'la page commence à 1').default(1),
  ),
  par_page: z.preprocess(
    empty,
    z.coerce
      .number()
      .refine((n) => (PER_PAGE_CHOICES as readonly number[]).includes(n), '25, 50, 100 ou 200 attendu')
      .default(50),
  ),
});

export interface RankingParams {
  kindSlug?: string;
  region?: string;
  departement?: string;
  stratum?: string;
  sort: RankingSort;
  direction: SortDirection;
  page: number;
  perPage: number;
}

/** The natural order of each column: best index and most services first, names A to Z. */
export const DEFAULT_DIRECTION: Record<RankingSort, SortDirection> = {
  indice: 'desc',
  nom: 'asc',
  'bout-en-bout': 'desc',
  thematiques: 'desc',
  population: 'desc',
};

/** Parses the query string, or a French 400 naming each bad parameter. */
export function parseRankingParams(query: Record<string, string>): RankingParams {
  const parsed = rankingSchema.safeParse(query);
  if (!parsed.success) {
    throw new UserError(
      'input_invalid',
      'Paramètres du classement invalides',
      parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? ''), message: issue.message })),
    );
  }
  const p = parsed.data;
  return {
    ...(p.categorie ? { kindSlug: p.categorie } : {}),
    ...(p.region ? { region: p.region } : {}),
    ...(p.departement ? { departement: p.departement } : {}),
    ...(p.strate ? { stratum: p.strate } : {}),
    sort: p.tri,
    direction: (p.ordre as SortDirection | undefined) ?? DEFAULT_DIRECTION[p.tri],
    page: p.page,
    perPage: p.par_page,
  };
}

/** The query string of a view, leaving out defaults so that URLs stay short and canonical. */
export function rankingQueryString(params: RankingParams, options: { withPage?: boolean } = {}): string {
  const search = new URLSearchParams();
  if (params.kindSlug) search.set('categorie', params.kindSlug);
  if (params.region) search.set('region', params.region);
  if (params.departement) search.set('departement', params.departement);
  if (params.stratum) search.set('strate', params.stratum);
  if (params.sort !== 'indice') search.set('tri', params.sort);
  if (params.direction !== DEFAULT_DIRECTION[params.sort]) search.set('ordre', params.direction);
  if (params.perPage !== 50) search.set('par_page', String(params.perPage));
  if (options.withPage !== false && params.page > 1) search.set('page', String(params.page));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const kindOfParams = (params: RankingParams) =>
  params.kindSlug ? kindFromSlug(params.kindSlug) : undefined;
