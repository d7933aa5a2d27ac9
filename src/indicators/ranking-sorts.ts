/** Columns a ranking can be sorted by, as named in URLs (the pages' and the query's shared vocabulary). */
export const RANKING_SORTS = ['indice', 'nom', 'bout-en-bout', 'thematiques', 'population'] as const;
export type RankingSort = (typeof RANKING_SORTS)[number];
export type SortDirection = 'asc' | 'desc';
