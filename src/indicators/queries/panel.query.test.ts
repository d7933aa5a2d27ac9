import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINES } from '../../../test/support/databases.ts';
import {
  assess,
  createAuditedSite,
  createEditionRow,
  createPanelAuthority,
  createReferential,
} from '../../../test/support/indicator-world.ts';
import type { Database } from '../../db/database.ts';
import { competenceSets, panelOfEdition } from './panel.query.ts';

/**
 * Who is in an edition's panel, with and without the hint of authorities already known to hold
 * an assessment: the hint saves lookups and changes nothing.
 *
 *   assessed    dépt assessed on a service that applies to it
 *   elsewhere   commune assessed only on a départements' service, which does not apply to it
 *   audited     dépt whose site was audited in the edition, never assessed
 *   lastYear    dépt assessed in another edition only: not in the panel
 *   outside     dépt neither assessed nor audited: not in the panel
 */
describe.each(TEST_ENGINES)('edition panel (%s)', (engine) => {
  let database: Database;
  let editionId: number;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const { db } = database;
    const services = await createReferential(db, '2026.1');
    const previous = await createEditionRow(db, 2025, '2026.1');
    editionId = await createEditionRow(db, 2026, '2026.1');
    const departement = (code: string) =>
      createPanelAuthority(db, { kind: 'departement', code, name: `Département ${code}`, population: 1000 });
    ids.assessed = await departement('01');
    ids.audited = await departement('02');
    ids.lastYear = await departement('03');
    ids.outside = await departement('04');
    ids.elsewhere = await createPanelAuthority(db, {
      kind: 'commune',
      code: '01001',
      name: 'Commune',
      population: 700,
    });
    await assess(db, editionId, ids.assessed, { [services.s1]: 4 });
    await assess(db, editionId, ids.elsewhere, { [services.s1]: 2 });
    await assess(db, previous, ids.lastYear, { [services.s1]: 4 });
    await createAuditedSite(db, {
      editionId,
      authorityIds: [ids.audited],
      url: 'https://www.exemple.fr/',
      outcomes: [],
    });
  });

  afterAll(async () => {
    await database?.close();
  });

  const panelIds = async (assessed: number[]) =>
    (await panelOfEdition(database.db, { id: editionId, year: 2026 }, assessed)).map((a) => a.id).sort();

  it('holds the assessed and the audited authorities of the edition, whatever the hint', async () => {
    const expected = [ids.assessed, ids.elsewhere, ids.audited].sort();
    expect(await panelIds([])).toEqual(expected);
    expect(await panelIds([ids.assessed as number])).toEqual(expected);
    expect(await panelIds([ids.assessed as number, ids.elsewhere as number])).toEqual(expected);
  });

  it('lists each set of competences once', async () => {
    const sets = await competenceSets(database.db);
    expect(sets.map((s) => s.competencesKey).sort()).toEqual(['["commune"]', '["departement"]']);
    expect(sets.find((s) => s.competencesKey === '["commune"]')?.competences).toEqual(['commune']);
  });
});
