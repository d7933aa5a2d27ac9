import type { Database } from '../../src/db/database.ts';
import { computeEditionIndicators } from '../../src/indicators/indicators.service.ts';
import { createTestDatabase, type TestEngine } from './databases.ts';
import {
  assess,
  createAuditedSite,
  createEditionRow,
  createPanelAuthority,
  createReferential,
  T0,
} from './indicator-world.ts';

/**
 * A small computed edition for the report: six départements of varied sizes and levels (two
 * share an audited site) and one commune, so that every section has something to show.
 */
export async function createReportWorld(engine: TestEngine, year = 2026): Promise<Database> {
  const database = await createTestDatabase(engine);
  const { db } = database;
  const s = await createReferential(db, '2026.1');
  const editionId = await createEditionRow(db, year, '2026.1');
  const departements = [
    { code: '01', name: 'Ain', population: 650_000, revenue: 600e6, levels: [4, 2, 4] },
    { code: '02', name: 'Aisne', population: 530_000, revenue: 550e6, levels: [4, 2, 1] },
    { code: '03', name: 'Allier', population: 335_000, revenue: 400e6, levels: [2, 1, 0] },
    { code: '04', name: 'Alpes-de-Haute-Provence', population: 165_000, revenue: 250e6, levels: [1, 0, 0] },
    { code: '05', name: 'Hautes-Alpes', population: 140_000, revenue: 230e6, levels: [3, 4, 4] },
    { code: '06', name: 'Alpes-Maritimes', population: 1_100_000, revenue: 1_300e6, levels: [4, 4, 4] },
  ] as const;
  const ids: number[] = [];
  for (const d of departements) {
    const id = await createPanelAuthority(db, {
      kind: 'departement',
      code: d.code,
      name: d.name,
      population: d.population,
      website: `https://www.dep${d.code}.fr/`,
      revenues: { [year - 1]: d.revenue },
    });
    ids.push(id);
    await assess(db, editionId, id, { [s.s1]: d.levels[0], [s.s2]: d.levels[1], [s.s3]: d.levels[2] });
  }
  await createAuditedSite(db, {
    editionId,
    authorityIds: ids.slice(0, 2),
    url: 'https://www.dep01.fr/',
    outcomes: ['pass', 'pass', 'warn', 'fail'],
  });
  const paris = await createPanelAuthority(db, {
    kind: 'commune',
    code: '75056',
    name: 'Paris',
    population: 2_100_000,
  });
  await assess(db, editionId, paris, { [s.s4]: 3 });
  await computeEditionIndicators(db, { year }, T0);
  return database;
}
