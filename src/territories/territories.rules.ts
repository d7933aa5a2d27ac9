import type { AuthorityKind } from '../db/schema.ts';
import type { CompetenceKind } from '../referential/referential.schema.ts';
import type { CogData } from './cog-source.ts';

/**
 * Pure mapping of the COG into Baromètre's authorities: the 18 régions, the 101 départements,
 * the EPCI à fiscalité propre and the current communes of metropolitan France and the five
 * DROM. The collectivités d'outre-mer (Polynésie, Nouvelle-Calédonie…) have statutes of their
 * own and are out of scope. Territories whose council is another collectivité point to it.
 */

/** INSEE legal populations shipped with COG 2026: millésime 2023, in force on 1 January 2026. */
export const POPULATION_YEAR = 2023;
/** Mayotte's communes carry the 2017 census figures in the COG package. */
export const MAYOTTE_POPULATION_YEAR = 2017;

export interface AuthorityRef {
  kind: AuthorityKind;
  code: string;
}

export interface TerritoryRecord extends AuthorityRef {
  siren: string | null;
  name: string;
  regionCode: string | null;
  departementCode: string | null;
  epciSiren: string | null;
  council: AuthorityRef | null;
  competences: CompetenceKind[];
  population: number | null;
  populationYear: number | null;
  statusNote: string | null;
}

interface SingleCollectivity {
  code: string;
  name: string;
  competences: CompetenceKind[];
  regionCode: string;
  governs: AuthorityRef[];
  note: string;
}

/** Councils that replaced several others (COG codes of the collectivités à compétences départementales). */
export const SINGLE_COLLECTIVITIES: readonly SingleCollectivity[] = [
  {
    code: '20R',
    name: 'Collectivité de Corse',
    competences: ['region', 'departement'],
    regionCode: '94',
    governs: [
      { kind: 'region', code: '94' },
      { kind: 'departement', code: '2A' },
      { kind: 'departement', code: '2B' },
    ],
    note: 'Collectivité à statut particulier exerçant depuis 2018 les compétences de la région et des deux départements corses.',
  },
  {
    code: '972',
    name: 'Collectivité territoriale de Martinique',
    competences: ['region', 'departement'],
    regionCode: '02',
    governs: [
      { kind: 'region', code: '02' },
      { kind: 'departement', code: '972' },
    ],
    note: 'Collectivité unique exerçant depuis 2015 les compétences de la région et du département.',
  },
  {
    code: '973',
    name: 'Collectivité territoriale de Guyane',
    competences: ['region', 'departement'],
    regionCode: '03',
    governs: [
      { kind: 'region', code: '03' },
      { kind: 'departement', code: '973' },
    ],
    note: 'Collectivité unique exerçant depuis 2015 les compétences de la région et du département.',
  },
  {
    code: '976',
    name: 'Département de Mayotte',
    competences: ['region', 'departement'],
    regionCode: '06',
    governs: [
      { kind: 'region', code: '06' },
      { kind: 'departement', code: '976' },
    ],
    note: 'Collectivité unique exerçant les compétences d’un département et d’une région d’outre-mer.',
  },
  {
    code: '6AE',
    name: 'Collectivité européenne d’Alsace',
    competences: ['departement'],
    regionCode: '44',
    governs: [
      { kind: 'departement', code: '67' },
      { kind: 'departement', code: '68' },
    ],
    note: 'Collectivité à statut particulier née en 2021 de la fusion des départements du Bas-Rhin et du Haut-Rhin.',
  },
];

const PARIS = '75056';
const LYON_METROPOLE = '200046977';

const STATUS_NOTES: Record<string, string> = {
  'departement:75': 'La Ville de Paris exerce à la fois les compétences de la commune et du département.',
  [`commune:${PARIS}`]:
    'Collectivité à statut particulier exerçant les compétences communales et départementales.',
  'departement:69':
    'Le Département du Rhône exerce ses compétences hors du territoire de la Métropole de Lyon, qui les exerce sur le sien.',
  [`epci:${LYON_METROPOLE}`]:
    'Collectivité à statut particulier exerçant les compétences d’une métropole et du département sur son territoire.',
};

const inScope = (zone: string) => zone === 'metro' || zone === 'drom';

export function buildTerritories(cog: CogData): TerritoryRecord[] {
  const communes = cog.communes.filter((c) => c.type === 'commune-actuelle' && inScope(c.zone));
  const epciOfCommune = new Map<string, string>();
  for (const epci of cog.epci) for (const member of epci.membres) epciOfCommune.set(member.code, epci.code);

  const populationYearOf = (departementCode: string | undefined) =>
    departementCode === '976' ? MAYOTTE_POPULATION_YEAR : POPULATION_YEAR;
  const communeRecords: TerritoryRecord[] = communes.map((c) => ({
    kind: 'commune',
    code: c.code,
    siren: c.siren ?? null,
    name: c.nom,
    regionCode: c.region ?? null,
    departementCode: c.departement ?? null,
    epciSiren: epciOfCommune.get(c.code) ?? null,
    council: null,
    competences: c.code === PARIS ? ['commune', 'departement'] : ['commune'],
    population: c.population ?? null,
    populationYear: c.population === undefined ? null : populationYearOf(c.departement),
    statusNote: STATUS_NOTES[`commune:${c.code}`] ?? null,
  }));
  const communeByCode = new Map(communeRecords.map((c) => [c.code, c]));

  const councilOf = new Map<string, AuthorityRef>();
  for (const collectivity of SINGLE_COLLECTIVITIES) {
    for (const territory of collectivity.governs) {
      councilOf.set(`${territory.kind}:${territory.code}`, {
        kind: 'collectivite_unique',
        code: collectivity.code,
      });
    }
  }
  councilOf.set('departement:75', { kind: 'commune', code: PARIS });

  const departements: TerritoryRecord[] = cog.departements
    .filter((d) => inScope(d.zone))
    .map((d) => ({
      kind: 'departement',
      code: d.code,
      siren: null,
      name: d.nom,
      regionCode: d.region,
      departementCode: d.code,
      epciSiren: null,
      council: councilOf.get(`departement:${d.code}`) ?? null,
      competences: ['departement'],
      ...summedPopulation(communeRecords.filter((c) => c.departementCode === d.code)),
      statusNote: STATUS_NOTES[`departement:${d.code}`] ?? null,
    }));
  const departementByCode = new Map(departements.map((d) => [d.code, d]));

  const regions: TerritoryRecord[] = cog.regions
    .filter((r) => inScope(r.zone))
    .map((r) => ({
      kind: 'region',
      code: r.code,
      siren: null,
      name: r.nom,
      regionCode: r.code,
      departementCode: null,
      epciSiren: null,
      council: councilOf.get(`region:${r.code}`) ?? null,
      competences: ['region'],
      ...summedPopulation(communeRecords.filter((c) => c.regionCode === r.code)),
      statusNote: null,
    }));

  const collectivities: TerritoryRecord[] = SINGLE_COLLECTIVITIES.map((collectivity) => ({
    kind: 'collectivite_unique',
    code: collectivity.code,
    siren: null,
    name: collectivity.name,
    regionCode: collectivity.regionCode,
    departementCode: null,
    epciSiren: null,
    council: null,
    competences: collectivity.competences,
    ...summedPopulation(
      collectivity.governs
        .filter((t) => t.kind === 'departement')
        .map((t) => departementByCode.get(t.code))
        .filter((d): d is TerritoryRecord => d !== undefined),
    ),
    statusNote: collectivity.note,
  }));

  const epci: TerritoryRecord[] = cog.epci.map((e) => {
    const members = e.membres
      .map((m) => communeByCode.get(m.code))
      .filter((c): c is TerritoryRecord => c !== undefined);
    const main = mostPopulous(members);
    return {
      kind: 'epci',
      code: e.code,
      siren: e.code,
      name: e.nom,
      regionCode: main?.regionCode ?? null,
      departementCode: main?.departementCode ?? null,
      epciSiren: null,
      council: null,
      competences: e.code === LYON_METROPOLE ? ['epci', 'departement'] : ['epci'],
      ...summedPopulation(members),
      statusNote: STATUS_NOTES[`epci:${e.code}`] ?? null,
    };
  });

  return [...regions, ...departements, ...collectivities, ...epci, ...communeRecords];
}

/** Sum of the parts' populations; the year is the oldest of theirs, so a total never looks fresher than it is. */
function summedPopulation(parts: TerritoryRecord[]): {
  population: number | null;
  populationYear: number | null;
} {
  const known = parts.filter((p) => p.population !== null);
  if (known.length === 0) return { population: null, populationYear: null };
  return {
    population: known.reduce((sum, p) => sum + (p.population ?? 0), 0),
    populationYear: Math.min(...known.map((p) => p.populationYear ?? POPULATION_YEAR)),
  };
}

/** The département (and its région) where most of an EPCI's inhabitants live. */
function mostPopulous(members: TerritoryRecord[]): TerritoryRecord | undefined {
  const byDepartement = new Map<string, { population: number; sample: TerritoryRecord }>();
  for (const member of members) {
    const key = member.departementCode ?? '';
    const entry = byDepartement.get(key) ?? { population: 0, sample: member };
    entry.population += member.population ?? 0;
    byDepartement.set(key, entry);
  }
  return [...byDepartement.values()].sort((a, b) => b.population - a.population)[0]?.sample;
}

export const authorityKey = (ref: AuthorityRef): string => `${ref.kind}:${ref.code}`;
