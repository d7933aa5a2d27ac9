import type { PublishedInitiative } from './export/published-initiatives.query.ts';

/**
 * The public registry's filters (domain, région, size of the authority, year) and the counts by
 * domain of what they keep, over the published initiatives. Pure.
 */

export interface PublishedEntry {
  initiative: PublishedInitiative;
  domains: { domain: string; confidence: number | null }[];
}

/** Sizes of the authority carrying an initiative, by its population (communes for the most part). */
export const SIZE_BANDS = [
  { key: 'moins-de-2000', label: 'Moins de 2 000 habitants', min: 0, max: 2_000 },
  { key: '2000-9999', label: 'De 2 000 à 9 999 habitants', min: 2_000, max: 10_000 },
  { key: '10000-49999', label: 'De 10 000 à 49 999 habitants', min: 10_000, max: 50_000 },
  { key: '50000-et-plus', label: '50 000 habitants et plus', min: 50_000, max: null },
] as const;

export type SizeBandKey = (typeof SIZE_BANDS)[number]['key'];

export function sizeBandOf(population: number | null): SizeBandKey | null {
  if (population === null) return null;
  return SIZE_BANDS.find((b) => population >= b.min && (b.max === null || population < b.max))?.key ?? null;
}

export interface RegistryFilter {
  domain?: string;
  regionCode?: string;
  size?: SizeBandKey;
  year?: number;
}

export function filterRegistry(entries: readonly PublishedEntry[], filter: RegistryFilter): PublishedEntry[] {
  return entries.filter(
    ({ initiative, domains }) =>
      (filter.domain === undefined || domains.some((d) => d.domain === filter.domain)) &&
      (filter.regionCode === undefined || initiative.regionCode === filter.regionCode) &&
      (filter.size === undefined || sizeBandOf(initiative.population) === filter.size) &&
      (filter.year === undefined || initiative.year === filter.year),
  );
}

export interface DomainCount {
  domain: string;
  /** Initiatives having the domain, main or not. */
  count: number;
  /** count / initiatives (shares add up to more than 1 when initiatives have several domains). */
  share: number;
}

/** Every domain of the taxonomy, in its order, with how many of the entries have it. */
export function domainCounts(entries: readonly PublishedEntry[], domains: readonly string[]): DomainCount[] {
  return domains.map((domain) => {
    const count = entries.filter((e) => e.domains.some((d) => d.domain === domain)).length;
    return { domain, count, share: entries.length === 0 ? 0 : count / entries.length };
  });
}

/** Years present, latest first, for the year filter. */
export function yearsOf(entries: readonly PublishedEntry[]): number[] {
  return [...new Set(entries.map((e) => e.initiative.year))].sort((a, b) => b - a);
}
