import { readShippedDepartementRows } from '../territories/shipped-websites.ts';
import type { FarmKind, SiteSpec } from './farm.types.ts';
import type { Rng } from './random.ts';
import { slugify } from './text.ts';

/**
 * Which sites a farm has: the real départements (codes, names and, on demand, website hosts)
 * or fictional authorities with made-up place names. Hosts default to the reserved `.test` TLD.
 */

export interface ResolvedSpec {
  code: string;
  name: string;
  kind: FarmKind;
  maturity?: number;
  /** Registrable domain, without "www.". */
  domain: string;
  realHome?: { host: string; pathAndQuery: string; scheme: 'https' | 'http' };
}

/** The 101 départements with their council's website (data/territories/departements-websites.csv). */
export const shippedDepartements = readShippedDepartementRows;

const PREFIXES = ['Saint-', 'Sainte-', 'Le ', 'La ', 'Les ', '', '', '', ''];
const ROOTS = [
  'Mont',
  'Beau',
  'Ville',
  'Font',
  'Roche',
  'Val',
  'Bois',
  'Castel',
  'Mar',
  'Pré',
  'Chant',
  'Bel',
];
const ENDINGS = ['ville', 'mont', 'fort', 'lieu', 'champ', 'bourg', 'mar', 'val', 'court', 'noy', 'ac', 'ay'];
const SUFFIXES = [
  '',
  '',
  '',
  '-sur-Loire',
  '-les-Bains',
  '-en-Bresse',
  '-sur-Mer',
  '-le-Château',
  '-la-Forêt',
];

function placeName(rng: Rng): string {
  const root = `${rng.pick(ROOTS)}${rng.pick(ENDINGS)}`;
  return `${rng.pick(PREFIXES)}${root}${rng.pick(SUFFIXES)}`;
}

const KIND_NAMES: Record<Exclude<FarmKind, 'departement'>, (place: string) => string> = {
  commune: (place) => `Ville de ${place}`,
  epci: (place) => `Communauté de communes de ${place}`,
  region: (place) => `Région ${place}`,
};
const KIND_DOMAINS: Record<Exclude<FarmKind, 'departement'>, readonly string[]> = {
  commune: ['ville-', 'mairie-', ''],
  epci: ['cc-', 'agglo-', 'communaute-'],
  region: ['region-'],
};

export function resolveSpecs(
  sites: readonly SiteSpec[] | number,
  kind: FarmKind,
  useRealHosts: boolean,
  rng: Rng,
): ResolvedSpec[] {
  const specs = typeof sites === 'number' ? defaultSpecs(sites, kind, rng) : sites;
  const real = useRealHosts ? new Map(shippedDepartements().map((row) => [row.code, row.url])) : undefined;
  const usedDomains = new Set<string>();
  return specs.map((spec) => {
    const siteKind = spec.kind ?? kind;
    const homeUrl = spec.homeUrl ?? (siteKind === 'departement' ? real?.get(spec.code) : undefined);
    if (useRealHosts && homeUrl === undefined) {
      throw new Error(`useRealHosts: no real website for ${siteKind} ${spec.code}`);
    }
    const resolved: ResolvedSpec = {
      code: spec.code,
      name: spec.name,
      kind: siteKind,
      ...(spec.maturity === undefined ? {} : { maturity: spec.maturity }),
      domain: '',
    };
    if (homeUrl !== undefined) {
      const url = new URL(homeUrl);
      resolved.realHome = {
        host: url.hostname,
        pathAndQuery: `${url.pathname}${url.search}`,
        scheme: url.protocol === 'http:' ? 'http' : 'https',
      };
      resolved.domain = url.hostname.replace(/^www\./, '');
      return resolved;
    }
    let domain =
      siteKind === 'departement'
        ? `departement-${slugify(spec.code)}.test`
        : `${rng.pick(KIND_DOMAINS[siteKind])}${slugify(spec.name.replace(/^(Ville|Communauté de communes|Région) (de )?/, ''))}.test`;
    if (usedDomains.has(domain)) domain = domain.replace(/\.test$/, `-${slugify(spec.code)}.test`);
    usedDomains.add(domain);
    resolved.domain = domain;
    return resolved;
  });
}

function defaultSpecs(count: number, kind: FarmKind, rng: Rng): SiteSpec[] {
  const specs: SiteSpec[] = [];
  if (kind === 'departement') {
    for (const row of shippedDepartements().slice(0, count))
      specs.push({ code: row.code, name: row.name, kind });
  }
  for (let index = specs.length; index < count; index++) {
    const place = placeName(rng);
    const code = `${kind === 'departement' ? 'D' : kind.charAt(0).toUpperCase()}${String(index + 1).padStart(4, '0')}`;
    specs.push({
      code,
      name: kind === 'departement' ? `Département de ${place}` : KIND_NAMES[kind](place),
      kind,
    });
  }
  return specs;
}
