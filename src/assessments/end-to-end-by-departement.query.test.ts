import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthority } from '../../test/support/authority-factory.ts';
import { TEST_ENGINES } from '../../test/support/databases.ts';
import { createReviewWorld, type ReviewWorld } from '../../test/support/review-world.ts';
import { endToEndByDepartement } from './end-to-end-by-departement.query.ts';

describe.each(TEST_ENGINES)('endToEndByDepartement (%s)', (engine) => {
  let world: ReviewWorld;
  let edition: number;
  let otherEdition: number;
  beforeAll(async () => {
    world = await createReviewWorld(engine);
    const { db } = world;
    edition = await world.edition(2026);
    otherEdition = await world.edition(2025);
    const ain = await createAuthority(db, { kind: 'departement', code: '01', name: 'Ain' });
    await createAuthority(db, { kind: 'departement', code: '02', name: 'Aisne' });
    const corse = await createAuthority(db, {
      kind: 'collectivite_unique',
      code: '20R',
      name: 'Collectivité de Corse',
    });
    const departements: Record<string, number> = {};
    for (const code of ['2A', '2B']) {
      departements[code] = await createAuthority(db, { kind: 'departement', code, name: code });
      await db
        .updateTable('authorities')
        .set({ council_id: corse })
        .where('id', '=', departements[code])
        .execute();
    }
    // 2B's own assessments win over its council's; 2A has none and takes Corse's.
    await world.propose({
      editionId: edition,
      authorityId: departements['2B'] as number,
      service: 'rsa',
      level: 3,
    });
    await world.propose({ editionId: edition, authorityId: ain, service: 'apa', level: 4 });
    await world.propose({ editionId: edition, authorityId: ain, service: 'rsa', level: 4 });
    await world.propose({ editionId: edition, authorityId: ain, service: 'fsl', level: 2 });
    // Superseded: only the current assessment counts.
    await world.propose({ editionId: edition, authorityId: ain, service: 'rsa', level: 3 });
    await world.propose({ editionId: edition, authorityId: corse, service: 'apa', level: 4 });
    await world.propose({ editionId: otherEdition, authorityId: ain, service: 'fsl', level: 4 });
  });
  afterAll(() => world?.database.close());

  it('counts each département’s current assessments, or its council’s when it has none of its own', async () => {
    expect(await endToEndByDepartement(world.db, edition)).toEqual([
      { departementCode: '01', endToEnd: 1, assessed: 3 },
      { departementCode: '02', endToEnd: 0, assessed: 0 },
      { departementCode: '2A', endToEnd: 1, assessed: 1 },
      { departementCode: '2B', endToEnd: 0, assessed: 1 },
    ]);
  });

  it('counts only the edition asked for', async () => {
    const other = await endToEndByDepartement(world.db, otherEdition);
    expect(other.find((row) => row.departementCode === '01')).toEqual({
      departementCode: '01',
      endToEnd: 1,
      assessed: 1,
    });
  });
});
