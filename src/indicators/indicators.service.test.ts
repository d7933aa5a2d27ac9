import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINES } from '../../test/support/databases.ts';
import {
  assess,
  createAuditedSite,
  createEditionRow,
  createPanelAuthority,
  createReferential,
  T0,
} from '../../test/support/indicator-world.ts';
import type { Database } from '../db/database.ts';
import { UserError } from '../shared/errors.ts';
import {
  authorityIndicatorsOf,
  computeEditionIndicators,
  editionIndicatorRun,
  listAuthorityIndicators,
  scatterData,
} from './indicators.service.ts';
import { loadIndicatorMethod } from './method.ts';

/**
 * A hand-computed edition (weights 40 / 25 / 20 / 15 of data/indicators/2026.1.yaml):
 *
 *   A  dépt, 300 000 hab., site audited (3 pass, 1 warn, 2 unknown → portal 87.5), s1=4 s2=2 s3=4
 *      index = 40·2/3 + 25·1 + 20·1 + 15·0.875 = 84.79 → 84.8
 *   C  dépt, 400 000 hab., shares A's site, same levels → 84.8: tied with A, rank 1 and 1
 *   B  dépt, population unknown, website never audited → portal unknown, index on 85 points:
 *      (26.67 + 25 + 20) / 85 × 100 = 84.31 → 84.3, rank 3, no peer group
 *   D  dépt, 800 000 hab., no website (portal counts 0), s1=2 only (s2, s3 never assessed → level 0),
 *      and an assessment of s4, a commune service that does not apply: ignored.
 *      index = 25·1/3 + 20·1/2 = 18.33 → 18.3
 *   F  commune with the départements' competences too (like Paris): s1=4 s4=3, no website;
 *      4 services, 3 themes: 40·1/4 + 25·2/4 + 20·2/3 = 35.83 → 35.8
 *   E  dépt with neither audited site nor assessment: not in the panel.
 */
describe.each(TEST_ENGINES)('edition indicators (%s)', (engine) => {
  let database: Database;
  const ids: Record<string, number> = {};
  let s: Record<'s1' | 's2' | 's3' | 's4', number>;
  let s2: Record<'s1' | 's2' | 's3' | 's4', number>;
  const edition: Record<number, number> = {};

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const { db } = database;
    s = await createReferential(db, '2026.1');
    s2 = await createReferential(db, '2027.1');
    edition[2025] = await createEditionRow(db, 2025, '2026.1');
    edition[2026] = await createEditionRow(db, 2026, '2026.1');
    edition[2027] = await createEditionRow(db, 2027, '2027.1');
    ids.A = await createPanelAuthority(db, {
      kind: 'departement',
      code: '01',
      name: 'Ain',
      population: 300_000,
      website: 'https://www.ain.fr/',
      revenues: { 2024: 500e6, 2025: 600e6, 2027: 1 },
    });
    ids.B = await createPanelAuthority(db, {
      kind: 'departement',
      code: '02',
      name: 'Aisne',
      population: null,
      website: 'https://www.aisne.fr/',
      revenues: { 2025: 100e6 },
    });
    ids.C = await createPanelAuthority(db, {
      kind: 'departement',
      code: '03',
      name: 'Allier',
      population: 400_000,
      website: 'https://www.allier.fr/',
      revenues: { 2025: 400e6 },
    });
    ids.D = await createPanelAuthority(db, {
      kind: 'departement',
      code: '04',
      name: 'Alpes-de-Haute-Provence',
      population: 800_000,
      revenues: { 2024: 900e6 },
    });
    ids.E = await createPanelAuthority(db, {
      kind: 'departement',
      code: '05',
      name: 'Hautes-Alpes',
      population: 1,
    });
    ids.F = await createPanelAuthority(db, {
      kind: 'commune',
      code: '75056',
      name: 'Paris',
      population: 2_000_000,
      competences: ['commune', 'departement'],
    });
    await createAuditedSite(db, {
      editionId: edition[2026] as number,
      authorityIds: [ids.A, ids.C],
      url: 'https://www.ain.fr/',
      outcomes: ['pass', 'pass', 'warn', 'pass', 'unknown', 'unknown'],
    });
    // 2025: A alone, s1 end to end.
    await assess(db, edition[2025] as number, ids.A, { [s.s1]: 4 });
    // 2026: A's s2 first proposed at 0, then corrected to 2: only the current level counts.
    await assess(db, edition[2026] as number, ids.A, { [s.s2]: 0 });
    for (const who of ['A', 'B', 'C'] as const) {
      await assess(db, edition[2026] as number, ids[who] as number, { [s.s1]: 4, [s.s2]: 2, [s.s3]: 4 });
    }
    await assess(db, edition[2026] as number, ids.D, { [s.s1]: 2, [s.s4]: 4 });
    await assess(db, edition[2026] as number, ids.F, { [s.s1]: 4, [s.s4]: 3 });
    // 2027 on another referential: A, s1 end to end.
    await assess(db, edition[2027] as number, ids.A, { [s2.s1]: 4 });
  });

  afterAll(async () => {
    await database?.close();
  });

  const byCode = async (year: number) =>
    new Map((await listAuthorityIndicators(database.db, year)).map((a) => [a.code, a]));

  it('computes the previous edition first: one authority, no previous edition', async () => {
    const summary = await computeEditionIndicators(database.db, { year: 2025 }, T0);
    expect(summary).toMatchObject({ authorities: 1, previousYear: null, comparability: null });
    const a = (await byCode(2025)).get('01');
    // s1 = 4, s2 and s3 never assessed; website but no audit in 2025: portal unknown, 85 points.
    // (40/3 + 25/3 + 20/2) / 85 × 100 = 37.25 → 37.3
    expect(a).toMatchObject({ index: 37.3, indexPartial: true, endToEnd: 1, levels: [2, 0, 0, 0, 1] });
    expect(a?.change.status).toBe('none');
  });

  it('counts levels, themes, portal and index as computed by hand', async () => {
    const summary = await computeEditionIndicators(database.db, { year: 2026 }, T0);
    expect(summary).toMatchObject({
      authorities: 5,
      byKind: { departement: 4, commune: 1 },
      previousYear: 2025,
    });
    expect(summary.comparability).toBe('comparable');
    const rows = await byCode(2026);
    expect([...rows.keys()].sort()).toEqual(['01', '02', '03', '04', '75056']);
    expect(rows.get('01')).toMatchObject({
      servicesApplicable: 3,
      servicesAssessed: 3,
      levels: [0, 0, 1, 0, 2],
      endToEnd: 2,
      partial: 1,
      themesApplicable: 2,
      themesCovered: 2,
      portalScore: 87.5,
      portalChecks: 4,
      index: 84.8,
      indexPartial: false,
      hasWebsite: true,
      themeRates: {
        solidarites: { applicable: 2, digitalised: 2, endToEnd: 1 },
        emploi: { applicable: 1, digitalised: 1, endToEnd: 1 },
      },
    });
    expect(rows.get('02')).toMatchObject({
      index: 84.3,
      indexPartial: true,
      portalScore: null,
      peerGroup: null,
    });
    expect(rows.get('04')).toMatchObject({
      hasWebsite: false,
      portalScore: null,
      indexPartial: false,
      servicesAssessed: 1,
      levels: [2, 0, 1, 0, 0],
      themesCovered: 1,
      index: 18.3,
    });
    expect(rows.get('75056')).toMatchObject({
      servicesApplicable: 4,
      themesApplicable: 3,
      themesCovered: 2,
      levels: [2, 0, 0, 1, 1],
      index: 35.8,
    });
  });

  it('ranks ties together, places peers by population stratum and leaves unknown populations out of peer groups', async () => {
    const rows = await byCode(2026);
    const pick = (code: string) => {
      const r = rows.get(code);
      return [r?.rank, r?.rankTotal, r?.peerGroup, r?.peerRank, r?.peerTotal, r?.percentile];
    };
    expect(pick('01')).toEqual([1, 4, 'departement:250000-499999', 1, 2, 75]);
    expect(pick('03')).toEqual([1, 4, 'departement:250000-499999', 1, 2, 75]);
    expect(pick('02')).toEqual([3, 4, null, null, null, 37.5]);
    expect(pick('04')).toEqual([4, 4, 'departement:500000-999999', 1, 1, 12.5]);
    expect(pick('75056')).toEqual([1, 1, 'commune:ge100000', 1, 1, 50]);
  });

  it('takes the latest revenue up to the edition year and divides by the population when known', async () => {
    const rows = await byCode(2026);
    expect(rows.get('01')).toMatchObject({
      operatingRevenue: 600e6,
      revenueYear: 2025,
      revenuePerInhabitant: 2000,
    });
    expect(rows.get('02')).toMatchObject({ operatingRevenue: 100e6, revenuePerInhabitant: null });
    expect(rows.get('04')).toMatchObject({ revenueYear: 2024, revenuePerInhabitant: 1125 });
  });

  it('measures the change since the previous edition, and new authorities as new', async () => {
    const rows = await byCode(2026);
    expect(rows.get('01')?.change).toEqual({
      previousIndex: 37.3,
      indexChange: 47.5,
      previousEndToEnd: 1,
      endToEndChange: 1,
      status: 'comparable',
    });
    expect(rows.get('03')?.change.status).toBe('new');
  });

  it('flags the change as not comparable when the referential changed, keeping the previous values', async () => {
    const summary = await computeEditionIndicators(database.db, { year: 2027 }, T0);
    expect(summary).toMatchObject({ previousYear: 2026, comparability: 'referential_changed' });
    expect((await byCode(2027)).get('01')?.change).toEqual({
      previousIndex: 84.8,
      indexChange: null,
      previousEndToEnd: 2,
      endToEndChange: null,
      status: 'not_comparable',
    });
  });

  it('stores the aggregates with the run, per kind', async () => {
    const run = await editionIndicatorRun(database.db, 2026);
    expect(run).toMatchObject({
      methodVersion: '2026.1',
      referentialVersion: '2026.1',
      previousYear: 2025,
      authorities: 5,
    });
    const departements = run.aggregates.kinds.find((k) => k.kind === 'departement');
    expect(departements).toMatchObject({ authorities: 4, withWebsite: 3, withPopulation: 3, engaged: 4 });
    expect(departements?.themes.map((t) => [t.key, t.rank, t.digitalised, t.applicable])).toEqual([
      // Solidarités 7 / 8 = 88 %, Emploi 3 / 4 = 75 %.
      ['solidarites', 1, 7, 8],
      ['emploi', 2, 3, 4],
    ]);
    expect(departements?.endToEnd.moreThan).toEqual([{ threshold: 50, count: 0 }]);
    expect(departements?.endToEnd.fewerThan).toEqual([
      { threshold: 10, count: 4 },
      { threshold: 20, count: 4 },
    ]);
  });

  it('gives the scatter points of a correlation, leaving out authorities without the value', async () => {
    const points = await scatterData(database.db, {
      year: 2026,
      kind: 'departement',
      x: 'revenue_per_inhabitant',
      y: 'index',
    });
    expect(points.sort((a, b) => a.code.localeCompare(b.code))).toEqual([
      { code: '01', name: 'Ain', x: 2000, y: 84.8 },
      { code: '03', name: 'Allier', x: 1000, y: 84.8 },
      { code: '04', name: 'Alpes-de-Haute-Provence', x: 1125, y: 18.3 },
    ]);
  });

  it('recomputes idempotently: same rows, replaced in one transaction', async () => {
    const before = await listAuthorityIndicators(database.db, 2026);
    await computeEditionIndicators(database.db, { year: 2026 }, new Date('2026-11-22T00:00:00Z'));
    expect(await listAuthorityIndicators(database.db, 2026)).toEqual(before);
    const runs = await database.db.selectFrom('indicator_runs').select('edition_id').execute();
    expect(runs).toHaveLength(3);
  });

  it('finds one authority by code, and says when it is not in the panel', async () => {
    const { indicators } = await authorityIndicatorsOf(database.db, {
      year: 2026,
      code: '01',
      kind: 'departement',
    });
    expect(indicators.name).toBe('Ain');
    await expect(authorityIndicatorsOf(database.db, { year: 2026, code: '05' })).rejects.toThrow(
      /pas dans le panel/,
    );
  });

  it('keeps a published edition’s results frozen', async () => {
    const before = await listAuthorityIndicators(database.db, 2026);
    await database.db
      .updateTable('editions')
      .set({ status: 'published', published_at: T0.toISOString() })
      .where('id', '=', edition[2026] as number)
      .execute();
    const error = await computeEditionIndicators(database.db, { year: 2026 }, T0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('conflict');
    expect(await listAuthorityIndicators(database.db, 2026)).toEqual(before);
  });

  it('weights the index as the method says', async () => {
    const method = await loadIndicatorMethod();
    const endToEndOnly = {
      ...method,
      version: '2026.9',
      index: {
        ...method.index,
        weights: { end_to_end: 100, digitalised: 0, themes_covered: 0, portal_quality: 0 },
      },
    };
    await computeEditionIndicators(database.db, { year: 2025, method: endToEndOnly }, T0);
    // A in 2025: 1 of 3 services end to end → 33.3; no portal, but its weight is 0: not partial.
    expect((await byCode(2025)).get('01')).toMatchObject({ index: 33.3, indexPartial: false });
  });
});
