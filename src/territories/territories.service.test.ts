import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINES } from '../../test/support/databases.ts';
import type { Database } from '../db/database.ts';
import { SHIPPED_WEBSITES_SOURCE } from './shipped-websites.ts';
import { importTerritories, type TerritoriesImportReport } from './territories.service.ts';
import { currentWebsites } from './websites.repository.ts';

describe.each(TEST_ENGINES)('territories import on %s', (engine) => {
  let database: Database;
  let first: TerritoriesImportReport;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    first = await importTerritories(database.db, { now: new Date('2026-11-01T00:00:00Z') });
  });
  afterAll(async () => database.close());

  const authority = (kind: string, code: string) =>
    database.db
      .selectFrom('authorities')
      .selectAll()
      .where('kind', '=', kind as never)
      .where('code', '=', code)
      .executeTakeFirstOrThrow();

  it('loads the 18 régions, 101 départements, about 1,250 EPCI and 35,000 communes of France and the DROM', () => {
    expect(first.counts.region).toBe(18);
    expect(first.counts.departement).toBe(101);
    expect(first.counts.epci).toBeGreaterThan(1200);
    expect(first.counts.epci).toBeLessThan(1300);
    expect(first.counts.commune).toBeGreaterThan(34_800);
    expect(first.counts.commune).toBeLessThan(35_100);
    expect(first.counts.collectivite_unique).toBe(5);
    expect(first.inserted).toBe(Object.values(first.counts).reduce((a, b) => a + b, 0));
    expect(first.updated).toBe(0);
    expect(first.unchanged).toBe(0);
  });

  it('changes nothing when run a second time', async () => {
    const second = await importTerritories(database.db, { now: new Date('2026-11-02T00:00:00Z') });
    expect(second.counts).toEqual(first.counts);
    expect(second.inserted).toBe(0);
    expect(second.updated).toBe(0);
    expect(second.websitesAdded + second.websitesReplaced).toBe(0);
    const touched = await database.db
      .selectFrom('authorities')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('updated_at', '>', '2026-11-01T00:00:00.000Z')
      .executeTakeFirstOrThrow();
    expect(Number(touched.n)).toBe(0);
  });

  it('computes a département population as the sum of its communes', async () => {
    const ain = await authority('departement', '01');
    const sum = await database.db
      .selectFrom('authorities')
      .select((eb) => eb.fn.sum<number>('population').as('total'))
      .where('kind', '=', 'commune')
      .where('departement_code', '=', '01')
      .executeTakeFirstOrThrow();
    expect(ain.population).toBe(Number(sum.total));
    expect(ain.population).toBeGreaterThan(600_000);
    expect(ain.population_year).toBe(2023);
  });

  it('points Corse-du-Sud, Haute-Corse and the Corse région to the Collectivité de Corse', async () => {
    const corse = await authority('collectivite_unique', '20R');
    for (const [kind, code] of [
      ['departement', '2A'],
      ['departement', '2B'],
      ['region', '94'],
    ] as const) {
      expect((await authority(kind, code)).council_id).toBe(corse.id);
    }
    expect(JSON.parse(corse.competences)).toEqual(['region', 'departement']);
    const parts =
      Number((await authority('departement', '2A')).population) +
      Number((await authority('departement', '2B')).population);
    expect(corse.population).toBe(parts);
  });

  it('treats Paris, Alsace, Martinique, Guyane, Mayotte and the Métropole de Lyon as the collectivités they are', async () => {
    const paris = await authority('commune', '75056');
    expect((await authority('departement', '75')).council_id).toBe(paris.id);
    expect(JSON.parse(paris.competences)).toEqual(['commune', 'departement']);
    const alsace = await authority('collectivite_unique', '6AE');
    expect((await authority('departement', '67')).council_id).toBe(alsace.id);
    expect((await authority('departement', '68')).council_id).toBe(alsace.id);
    expect((await authority('departement', '972')).council_id).toBe(
      (await authority('collectivite_unique', '972')).id,
    );
    expect((await authority('region', '03')).council_id).toBe(
      (await authority('collectivite_unique', '973')).id,
    );
    const mayotte = await authority('departement', '976');
    expect(mayotte.population_year).toBe(2017);
    const lyon = await authority('epci', '200046977');
    expect(JSON.parse(lyon.competences)).toEqual(['epci', 'departement']);
    expect((await authority('departement', '69')).status_note).toMatch(/Métropole de Lyon/);
  });

  it('links communes to their EPCI and gives each EPCI the département where most of its people live', async () => {
    const bonneville = await authority('commune', '74042');
    expect(bonneville.epci_siren).toBe('200000172');
    const epci = await authority('epci', '200000172');
    expect(epci.departement_code).toBe('74');
    expect(epci.region_code).toBe('84');
  });

  it('gives every département council its shipped website', async () => {
    const websites = await currentWebsites(database.db);
    const departements = await database.db
      .selectFrom('authorities')
      .select(['id', 'code'])
      .where('kind', '=', 'departement')
      .execute();
    for (const d of departements) expect(websites.get(d.id)?.source, d.code).toBe(SHIPPED_WEBSITES_SOURCE);
    expect(websites.get((await authority('collectivite_unique', '20R')).id)?.url).toBe(
      'https://www.isula.corsica',
    );
  });

  it('keeps a website a user imported instead of restoring the shipped one', async () => {
    const ain = await authority('departement', '01');
    await database.db
      .updateTable('authority_websites')
      .set({ retired_at: '2026-11-03T00:00:00.000Z' })
      .where('authority_id', '=', ain.id)
      .execute();
    await database.db
      .insertInto('authority_websites')
      .values({
        authority_id: ain.id,
        url: 'https://www.ain.fr/nouveau',
        source: 'import:corrections.csv',
        added_at: '2026-11-03T00:00:00.000Z',
        retired_at: null,
      })
      .execute();
    await importTerritories(database.db, { now: new Date('2026-11-04T00:00:00Z') });
    expect((await currentWebsites(database.db)).get(ain.id)?.url).toBe('https://www.ain.fr/nouveau');
  });
});
