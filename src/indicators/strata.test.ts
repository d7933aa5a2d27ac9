import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  COMMUNE_STRATA,
  DEPARTEMENT_STRATA,
  EPCI_STRATA,
  EPCI_TYPE_STRATA,
  type PopulationStratum,
  REGION_STRATA,
  type StratumKind,
  strataOf,
  stratumOf,
} from './strata.ts';

const NNBSP = '\u202f';

/** Reference: the OFGL `tranche_population` code (0–10) of a commune, as an if-chain. */
function ofglCommuneCode(population: number): number {
  if (population < 100) return 0;
  if (population <= 199) return 1;
  if (population <= 499) return 2;
  if (population <= 1_999) return 3;
  if (population <= 3_499) return 4;
  if (population <= 4_999) return 5;
  if (population <= 9_999) return 6;
  if (population <= 19_999) return 7;
  if (population <= 49_999) return 8;
  if (population <= 99_999) return 9;
  return 10;
}

function readCog<T>(file: string): T {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('@etalab/decoupage-administratif/package.json'));
  return JSON.parse(fs.readFileSync(path.join(dir, 'data', file), 'utf8')) as T;
}

describe('commune strata (DGCL / OFGL, eleven bands)', () => {
  it('puts each population in the band of the OFGL code at every bound and either side of it', () => {
    const probes = [
      0, 1, 99, 100, 199, 200, 499, 500, 1_999, 2_000, 3_499, 3_500, 4_999, 5_000, 9_999, 10_000,
    ];
    probes.push(19_999, 20_000, 49_999, 50_000, 99_999, 100_000, 2_133_111);
    for (const population of probes) {
      expect(stratumOf('commune', population)?.key).toBe(COMMUNE_STRATA[ofglCommuneCode(population)]?.key);
    }
  });

  it('names the bands « Communes de moins de 100 habitants » … « 100 000 habitants ou plus »', () => {
    expect(COMMUNE_STRATA.map((s) => s.key)).toEqual([
      'lt100',
      '100-199',
      '200-499',
      '500-1999',
      '2000-3499',
      '3500-4999',
      '5000-9999',
      '10000-19999',
      '20000-49999',
      '50000-99999',
      'ge100000',
    ]);
    expect(COMMUNE_STRATA[0]?.label).toBe('Communes de moins de 100 habitants');
    expect(COMMUNE_STRATA[4]?.label).toBe(`Communes de 2${NNBSP}000 à 3${NNBSP}499 habitants`);
    expect(COMMUNE_STRATA[4]?.shortLabel).toBe(`2${NNBSP}000 à 3${NNBSP}499 hab.`);
    expect(COMMUNE_STRATA[10]?.label).toBe(`Communes de 100${NNBSP}000 habitants ou plus`);
  });
});

describe('département and EPCI population strata', () => {
  it('bands départements at 250 000, 500 000 and 1 000 000 inhabitants', () => {
    expect(stratumOf('departement', 76_286)?.key).toBe('lt250000');
    expect(stratumOf('departement', 249_999)?.key).toBe('lt250000');
    expect(stratumOf('departement', 250_000)?.key).toBe('250000-499999');
    expect(stratumOf('departement', 999_999)?.key).toBe('500000-999999');
    expect(stratumOf('departement', 1_000_000)?.key).toBe('ge1000000');
    expect(DEPARTEMENT_STRATA).toHaveLength(4);
  });

  it('bands EPCI at 5 000, 15 000, 30 000, 50 000, 100 000 and 300 000 inhabitants', () => {
    expect(EPCI_STRATA.map((s) => [s.min, s.max])).toEqual([
      [0, 5_000],
      [5_000, 15_000],
      [15_000, 30_000],
      [30_000, 50_000],
      [50_000, 100_000],
      [100_000, 300_000],
      [300_000, null],
    ]);
    expect(stratumOf('epci', 14_999)?.key).toBe('5000-14999');
    expect(stratumOf('epci', 15_000)?.key).toBe('15000-29999');
  });

  it.each<[string, readonly PopulationStratum[]]>([
    ['commune', COMMUNE_STRATA],
    ['departement', DEPARTEMENT_STRATA],
    ['epci', EPCI_STRATA],
  ])('%s bands start at 0, touch each other and end open, with unique keys', (_, bands) => {
    expect(bands[0]?.min).toBe(0);
    bands.forEach((band, i) => {
      const next = bands[i + 1];
      if (next === undefined) expect(band.max).toBeNull();
      else expect(band.max).toBe(next.min);
    });
    expect(new Set(bands.map((b) => b.key)).size).toBe(bands.length);
  });
});

describe('EPCI legal form and région location', () => {
  it('groups CC, CA, CU and métropoles, the Métropole de Lyon (MET69) with the métropoles', () => {
    expect(stratumOf('epci_type', null, { epciType: 'CC' })?.key).toBe('cc');
    expect(stratumOf('epci_type', null, { epciType: 'ca' })?.key).toBe('ca');
    expect(stratumOf('epci_type', null, { epciType: 'CU' })?.key).toBe('cu');
    expect(stratumOf('epci_type', null, { epciType: 'METRO' })?.key).toBe('metropole');
    expect(stratumOf('epci_type', 1_400_000, { epciType: 'MET69' })?.label).toBe('Métropoles');
  });

  it('has a stratum for every EPCI type of the shipped COG', () => {
    const types = new Set(readCog<{ type: string }[]>('epci.json').map((e) => e.type));
    for (const type of types) expect(stratumOf('epci_type', null, { epciType: type })).not.toBeNull();
  });

  it('splits the 18 régions into 13 of metropolitan France and 5 overseas, as the COG zones say', () => {
    const regions = readCog<{ code: string; zone: string }[]>('regions.json').filter((r) => r.zone !== 'com');
    expect(regions).toHaveLength(18);
    for (const region of regions) {
      expect(stratumOf('region', null, { regionCode: region.code })?.key).toBe(
        region.zone === 'metro' ? 'metropole' : 'outre_mer',
      );
    }
    expect(REGION_STRATA.map((s) => s.codes.length)).toEqual([13, 5]);
  });

  it('gives null for a code of no stratum (a collectivité d’outre-mer, a dissolved legal form)', () => {
    expect(stratumOf('region', null, { regionCode: '987' })).toBeNull();
    expect(stratumOf('epci_type', null, { epciType: 'SAN' })).toBeNull();
  });
});

describe('unknown and invalid inputs', () => {
  it.each<StratumKind>(['commune', 'departement', 'epci'])(
    'a missing population gives the typed « unknown » stratum (%s)',
    (kind) => {
      expect(stratumOf(kind, null)).toMatchObject({ key: 'unknown' });
      expect(stratumOf(kind, undefined)?.label).toMatch(/population inconnue$/);
    },
  );

  it('a missing EPCI type or région code gives the « unknown » stratum', () => {
    expect(stratumOf('epci_type', 50_000)).toMatchObject({ key: 'unknown', shortLabel: 'Nature inconnue' });
    expect(stratumOf('region', 5_000_000, { regionCode: ' ' })).toMatchObject({ key: 'unknown' });
  });

  it('a negative or fractional population is a data error: null', () => {
    expect(stratumOf('commune', -1)).toBeNull();
    expect(stratumOf('commune', 12.5)).toBeNull();
    expect(stratumOf('departement', Number.NaN)).toBeNull();
  });
});

describe('strataOf', () => {
  it('lists the strata of each kind in order', () => {
    expect(strataOf('commune')).toBe(COMMUNE_STRATA);
    expect(strataOf('epci_type')).toBe(EPCI_TYPE_STRATA);
    expect(strataOf('region').map((s) => s.key)).toEqual(['metropole', 'outre_mer']);
  });
});
