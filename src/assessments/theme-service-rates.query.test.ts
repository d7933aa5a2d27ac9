import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../test/support/databases.ts';
import { createReviewWorld, REFERENTIAL_VERSION, type ReviewWorld } from '../../test/support/review-world.ts';
import { themeServiceRates } from './theme-service-rates.query.ts';

describe.each(TEST_ENGINES)('theme service rates (%s)', (engine) => {
  let world: ReviewWorld;
  beforeAll(async () => {
    world = await createReviewWorld(engine);
  });
  afterAll(() => world?.database.close());

  it('counts current assessments per service of the theme for one kind, superseded ones left out', async () => {
    const editionId = await world.edition(2026);
    const [a, b, c] = [await world.authority(), await world.authority(), await world.authority()];
    const commune = await world.authority('commune');
    await world.propose({ editionId, authorityId: a, service: 'apa', level: 1 });
    await world.propose({ editionId, authorityId: a, service: 'apa', level: 4 }); // supersedes level 1
    await world.propose({ editionId, authorityId: b, service: 'apa', level: 2 });
    await world.propose({ editionId, authorityId: c, service: 'apa', level: 0 });
    await world.propose({ editionId, authorityId: a, service: 'rsa', level: 4 }); // another theme
    await world.propose({ editionId, authorityId: commune, service: 'etatCivil', level: 4 });
    const input = { editionId, referentialVersion: REFERENTIAL_VERSION, themeKey: 'solidarites' };
    expect(await themeServiceRates(world.db, { ...input, kind: 'departement' })).toEqual([
      {
        serviceKey: 'apa',
        serviceName: 'Allocation personnalisée d’autonomie',
        assessed: 3,
        digitalised: 2,
        endToEnd: 1,
      },
      {
        serviceKey: 'fsl',
        serviceName: 'Fonds de solidarité logement',
        assessed: 0,
        digitalised: 0,
        endToEnd: 0,
      },
      {
        serviceKey: 'etatCivil',
        serviceName: 'Actes d’état civil',
        assessed: 0,
        digitalised: 0,
        endToEnd: 0,
      },
    ]);
    const communes = await themeServiceRates(world.db, { ...input, kind: 'commune' });
    expect(communes.find((r) => r.serviceKey === 'etatCivil')).toMatchObject({ assessed: 1, endToEnd: 1 });
    expect(communes.find((r) => r.serviceKey === 'apa')?.assessed).toBe(0);
  });
});
