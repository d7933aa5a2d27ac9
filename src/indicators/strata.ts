import { formatCount } from './statistics/reading.ts';

/**
 * Peer groups (« strates ») in which an authority is compared with authorities like it.
 * Population bands follow the public-finance publications French readers know (DGCL, OFGL);
 * sources and what could not be verified are in docs/statistics.md. Pure: the caller passes
 * the population the barometer stores (INSEE legal population) and, where needed, the EPCI's
 * legal form or the région's code.
 */

export type StratumKind = 'commune' | 'departement' | 'epci' | 'epci_type' | 'region';

export interface Stratum {
  /** Stable identifier within its kind, for URLs and exports. */
  key: string;
  /** French, plural, for headings and tables: « Communes de 2 000 à 3 499 habitants ». */
  label: string;
  /** French, short, for chart axes: « 2 000 à 3 499 hab. ». */
  shortLabel: string;
}

/** A population band [min, max[; max is null for the open top band. */
export interface PopulationStratum extends Stratum {
  min: number;
  max: number | null;
}

export interface UnknownStratum {
  key: 'unknown';
  label: string;
  shortLabel: string;
}

// ── Population bands ──────────────────────────────────────────────────────────────────────

/** Builds bands [b0, b1[, [b1, b2[, …, [bn, ∞[ with French labels from their bounds. */
function populationBands(noun: string, bounds: readonly number[]): PopulationStratum[] {
  const bands: PopulationStratum[] = [];
  const n = (value: number) => formatCount(value);
  if ((bounds[0] as number) > 0) {
    const first = bounds[0] as number;
    bands.push({
      key: `lt${first}`,
      label: `${noun} de moins de ${n(first)} habitants`,
      shortLabel: `< ${n(first)} hab.`,
      min: 0,
      max: first,
    });
  }
  for (let i = 0; i < bounds.length; i++) {
    const min = bounds[i] as number;
    const next = bounds[i + 1];
    if (next === undefined) {
      bands.push({
        key: `ge${min}`,
        label: `${noun} de ${n(min)} habitants ou plus`,
        shortLabel: `${n(min)} hab. ou plus`,
        min,
        max: null,
      });
    } else {
      bands.push({
        key: `${min}-${next - 1}`,
        label: `${noun} de ${n(min)} à ${n(next - 1)} habitants`,
        shortLabel: `${n(min)} à ${n(next - 1)} hab.`,
        min,
        max: next,
      });
    }
  }
  return bands;
}

/**
 * Communes: the eleven strata of the DGCL and OFGL finance tables (OFGL field
 * `tranche_population`, codes 0 to 10, in this order).
 */
export const COMMUNE_STRATA: readonly PopulationStratum[] = populationBands(
  'Communes',
  [100, 200, 500, 2_000, 3_500, 5_000, 10_000, 20_000, 50_000, 100_000],
);

/** Départements (and collectivités exercising their competences): four bands. */
export const DEPARTEMENT_STRATA: readonly PopulationStratum[] = populationBands(
  'Départements',
  [250_000, 500_000, 1_000_000],
);

/** EPCI à fiscalité propre: seven bands around the legal thresholds (15 000 since the NOTRe law). */
export const EPCI_STRATA: readonly PopulationStratum[] = populationBands(
  'Intercommunalités',
  [5_000, 15_000, 30_000, 50_000, 100_000, 300_000],
);

// ── Legal form of EPCI and location of régions ────────────────────────────────────────────

export interface CodedStratum extends Stratum {
  /** Codes of the source that fall in this stratum. */
  codes: readonly string[];
}

/**
 * Legal form of the EPCI (COG / Banatic `type`): the Métropole de Lyon (MET69), a collectivité
 * à statut particulier that the EPCI file lists, is grouped with the métropoles.
 */
export const EPCI_TYPE_STRATA: readonly CodedStratum[] = [
  { key: 'cc', label: 'Communautés de communes', shortLabel: 'CC', codes: ['CC'] },
  { key: 'ca', label: 'Communautés d’agglomération', shortLabel: 'CA', codes: ['CA'] },
  { key: 'cu', label: 'Communautés urbaines', shortLabel: 'CU', codes: ['CU'] },
  { key: 'metropole', label: 'Métropoles', shortLabel: 'Métropoles', codes: ['METRO', 'MET69'] },
];

/** Régions by location, from their COG code: the five overseas régions and the others. */
export const REGION_STRATA: readonly CodedStratum[] = [
  {
    key: 'metropole',
    label: 'Régions de métropole',
    shortLabel: 'Métropole',
    codes: ['11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94'],
  },
  {
    key: 'outre_mer',
    label: 'Régions d’outre-mer',
    shortLabel: 'Outre-mer',
    codes: ['01', '02', '03', '04', '06'],
  },
];

const UNKNOWN: Readonly<Record<StratumKind, UnknownStratum>> = {
  commune: { key: 'unknown', label: 'Communes de population inconnue', shortLabel: 'Population inconnue' },
  departement: {
    key: 'unknown',
    label: 'Départements de population inconnue',
    shortLabel: 'Population inconnue',
  },
  epci: {
    key: 'unknown',
    label: 'Intercommunalités de population inconnue',
    shortLabel: 'Population inconnue',
  },
  epci_type: { key: 'unknown', label: 'Intercommunalités de nature inconnue', shortLabel: 'Nature inconnue' },
  region: { key: 'unknown', label: 'Régions de localisation inconnue', shortLabel: 'Localisation inconnue' },
};

/** The strata of a kind, in their natural order (smallest population first). */
export function strataOf(kind: StratumKind): readonly Stratum[] {
  switch (kind) {
    case 'commune':
      return COMMUNE_STRATA;
    case 'departement':
      return DEPARTEMENT_STRATA;
    case 'epci':
      return EPCI_STRATA;
    case 'epci_type':
      return EPCI_TYPE_STRATA;
    case 'region':
      return REGION_STRATA;
  }
}

export interface StratumContext {
  /** EPCI legal form as in the COG / Banatic: CC, CA, CU, METRO, MET69. */
  epciType?: string | null;
  /** COG code of the région. */
  regionCode?: string | null;
}

/**
 * The stratum of an authority. A missing population (or EPCI type, or région code) gives the
 * typed `unknown` stratum, which pages show as such; a value outside the domain (negative or
 * fractional population, code of no stratum) gives null, a data error for the caller to report.
 * Population is ignored for 'epci_type' and 'region'.
 */
export function stratumOf(
  kind: StratumKind,
  population: number | null | undefined,
  context: StratumContext = {},
): Stratum | UnknownStratum | null {
  if (kind === 'epci_type' || kind === 'region') {
    const code = kind === 'epci_type' ? context.epciType : context.regionCode;
    if (code === null || code === undefined || code.trim() === '') return UNKNOWN[kind];
    const strata = kind === 'epci_type' ? EPCI_TYPE_STRATA : REGION_STRATA;
    const normalised = kind === 'epci_type' ? code.trim().toUpperCase() : code.trim();
    return strata.find((s) => s.codes.includes(normalised)) ?? null;
  }
  if (population === null || population === undefined) return UNKNOWN[kind];
  if (!Number.isInteger(population) || population < 0) return null;
  const bands =
    kind === 'commune' ? COMMUNE_STRATA : kind === 'departement' ? DEPARTEMENT_STRATA : EPCI_STRATA;
  return bands.find((band) => population >= band.min && (band.max === null || population < band.max)) ?? null;
}
