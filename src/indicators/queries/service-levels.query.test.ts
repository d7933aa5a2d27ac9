import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINES } from '../../../test/support/databases.ts';
import {
  createEditionRow,
  createPanelAuthority,
  createReferential,
  T0,
} from '../../../test/support/indicator-world.ts';
import { type AssessmentInput, appendAssessments } from '../../assessments/assessments.repository.ts';
import type { Database } from '../../db/database.ts';
import type { DigitalisationLevel } from '../../referential/levels.ts';
import { defaultReferentialRoot, loadReferential } from '../../referential/referential.loader.ts';
import { storeReferential } from '../../referential/referential.repository.ts';
import { applicableServices } from '../edition-indicators.rules.ts';
import { referentialShape } from '../indicators.service.ts';
import { panelOfEdition } from './panel.query.ts';
import { type AuthorityLevelCounts, serviceLevelCounts } from './service-levels.query.ts';

/**
 * The aggregation pass against counts made here by plain loops over what was inserted, on the
 * shipped referential: 21 themes over several competence sets, so that PostgreSQL's packed theme
 * fields run over several words. The edition has superseding reviews, assessments of services
 * that do not apply to the authority, of another referential version's services (ids beyond the
 * range of the edition's) and of another edition, none of which may count.
 */

const COMPETENCE_SETS = [
  ['commune'],
  ['commune', 'departement'],
  ['departement'],
  ['region', 'departement'],
  ['region'],
  ['epci'],
  ['epci', 'departement'],
] as const;

/** Deterministic generator, so that a failure replays. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe.each(TEST_ENGINES)('service level counts (%s)', (engine) => {
  let database: Database;
  let expected: Map<
    number,
    { levels: number[]; themes: Record<string, { digitalised: number; endToEnd: number }> }
  >;
  let editionId: number;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const { db } = database;
    const referential = await loadReferential(path.join(defaultReferentialRoot(), '2026.1'));
    await storeReferential(db, referential, T0);
    const other = await createReferential(db, 'autre');
    editionId = await createEditionRow(db, 2026, '2026.1');
    const otherEdition = await createEditionRow(db, 2025, '2026.1');
    const services = await db
      .selectFrom('services')
      .select(['id', 'theme_key', 'applies_to'])
      .where('referential_version', '=', '2026.1')
      .execute();
    const draw = random(7);
    const current = new Map<string, DigitalisationLevel>();
    const crawled: AssessmentInput[] = [];
    const reviewed: AssessmentInput[] = [];
    const elsewhere: AssessmentInput[] = [];
    const competencesOf = new Map<number, readonly string[]>();
    for (let i = 0; i < 2 * COMPETENCE_SETS.length; i++) {
      const competences = COMPETENCE_SETS[i % COMPETENCE_SETS.length] as readonly string[];
      const authorityId = await createPanelAuthority(db, {
        kind: competences[0] as 'commune',
        code: `T${i}`,
        name: `Collectivité ${i}`,
        population: 1_000 * (i + 1),
        competences: [...competences],
      });
      competencesOf.set(authorityId, competences);
      // Every service of the referential may be assessed, applicable or not.
      for (const service of services) {
        if (draw() < 0.3) continue;
        const level = Math.floor(draw() * 5) as DigitalisationLevel;
        crawled.push({ editionId, authorityId, serviceId: service.id, level, source: 'crawler' });
        current.set(`${authorityId}:${service.id}`, level);
        if (draw() < 0.05) {
          const corrected = Math.floor(draw() * 5) as DigitalisationLevel;
          reviewed.push({
            editionId,
            authorityId,
            serviceId: service.id,
            level: corrected,
            source: 'analyst',
          });
          current.set(`${authorityId}:${service.id}`, corrected);
        }
        if (draw() < 0.1) {
          elsewhere.push({
            editionId: otherEdition,
            authorityId,
            serviceId: service.id,
            level: 4,
            source: 'crawler',
          });
        }
      }
      elsewhere.push({ editionId, authorityId, serviceId: other.s1, level: 4, source: 'crawler' });
    }
    // First assessments go in bulk (no history to look up); reviews through the repository,
    // which makes each supersede the crawler's row.
    for (const rows of [crawled, elsewhere]) {
      for (let at = 0; at < rows.length; at += 500) {
        await db
          .insertInto('assessments')
          .values(
            rows.slice(at, at + 500).map((row) => ({
              edition_id: row.editionId,
              authority_id: row.authorityId,
              service_id: row.serviceId,
              level: row.level,
              source: row.source,
              evidence: '{}',
              created_at: T0.toISOString(),
            })),
          )
          .execute();
      }
    }
    await appendAssessments(db, reviewed, T0);

    expected = new Map();
    for (const [key, level] of current) {
      const [authorityId, serviceId] = key.split(':').map(Number) as [number, number];
      const service = services.find((s) => s.id === serviceId);
      const appliesTo = JSON.parse(service?.applies_to ?? '[]') as string[];
      if (!appliesTo.some((kind) => competencesOf.get(authorityId)?.includes(kind))) continue;
      let counts = expected.get(authorityId);
      if (!counts) {
        counts = { levels: [0, 0, 0, 0, 0], themes: {} };
        expected.set(authorityId, counts);
      }
      counts.levels[level] = (counts.levels[level] ?? 0) + 1;
      const themeKey = service?.theme_key ?? '';
      const theme = counts.themes[themeKey] ?? { digitalised: 0, endToEnd: 0 };
      counts.themes[themeKey] = theme;
      if (level >= 2) theme.digitalised++;
      if (level === 4) theme.endToEnd++;
    }
  });

  afterAll(async () => {
    await database?.close();
  });

  it('counts each authority’s current assessments of applicable services, by level and theme', async () => {
    const { db } = database;
    const edition = await db
      .selectFrom('editions')
      .selectAll()
      .where('id', '=', editionId)
      .executeTakeFirstOrThrow();
    const shape = await referentialShape(db, '2026.1');
    const panel = await panelOfEdition(db, edition);
    const counts = await serviceLevelCounts(db, editionId, applicableServices(shape, panel));
    expect(comparable(counts)).toEqual(
      new Map(
        [...expected].map(([id, c]) => [
          id,
          {
            levels: c.levels,
            themes: Object.fromEntries(Object.entries(c.themes).filter(([, t]) => t.digitalised > 0)),
          },
        ]),
      ),
    );
    // The referential spreads the départements' services over more than eight themes: the
    // packed theme fields fill more than one word.
    expect(Math.max(...[...expected.values()].map((c) => Object.keys(c.themes).length))).toBeGreaterThan(8);
  });
});

/** Counts keyed by authority, themes without a digitalised service left out (absent means zero). */
function comparable(counts: readonly AuthorityLevelCounts[]) {
  return new Map(
    counts.map((c) => [
      c.authorityId,
      {
        levels: [...c.levels],
        themes: Object.fromEntries([...c.themes].filter(([, t]) => t.digitalised > 0)),
      },
    ]),
  );
}
