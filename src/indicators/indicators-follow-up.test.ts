import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINES } from '../../test/support/databases.ts';
import {
  createEditionRow,
  createPanelAuthority,
  createReferential,
  T0,
} from '../../test/support/indicator-world.ts';
import { installationTestJobs, type TestJobs } from '../../test/support/job-queues.ts';
import { appendAssessments, currentAssessment } from '../assessments/assessments.repository.ts';
import { correctAssessment } from '../assessments/review.service.ts';
import type { Database } from '../db/database.ts';
import { recordErratum } from '../editions/publication.service.ts';
import { computeEditionIndicators, listAuthorityIndicators } from './indicators.service.ts';
import { type EnqueueIndicators, queueIndicatorsAfterReview } from './indicators-follow-up.ts';

/**
 * A review of a draft edition whose indicators were computed queues them again, through the
 * installation's real queue (pg-boss on the PostgreSQL server), and the job brings them up to date.
 */
describe.each(TEST_ENGINES)('indicators after a review, on %s', (engine) => {
  let database: Database;
  let jobs: TestJobs | undefined;
  let editionId: number;
  const ids: Record<'ain' | 'aisne', number> = { ain: 0, aisne: 0 };
  let s: Record<'s1' | 's2' | 's3' | 's4', number>;
  const calls: Parameters<EnqueueIndicators>[] = [];
  /** Records what the follow-up queues, and queues it for real when a queue is open. */
  const recorded: EnqueueIndicators = async (...args) => {
    calls.push(args);
    return jobs?.queue.enqueue(...args);
  };

  /** The current assessment of a service, as an analyst reads it before correcting it. */
  const current = async (authorityId: number, serviceId: number) => {
    const row = await currentAssessment(database.db, { editionId, authorityId, serviceId });
    if (!row) throw new Error('no assessment');
    return row.id;
  };
  const correct = async (authorityId: number, level: number, debounceSeconds?: number) =>
    correctAssessment(
      database.db,
      {
        assessmentId: await current(authorityId, s.s1),
        reviewer: 'analyste@exemple.fr',
        level,
        comment: 'vérifié',
      },
      T0,
      queueIndicatorsAfterReview(database.db, recorded, debounceSeconds),
    );
  const indexOf = async (code: string) =>
    (await listAuthorityIndicators(database.db, 2026)).find((a) => a.code === code)?.index;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const { db } = database;
    s = await createReferential(db, '2026.1');
    editionId = await createEditionRow(db, 2026, '2026.1');
    ids.ain = await createPanelAuthority(db, {
      kind: 'departement',
      code: '01',
      name: 'Ain',
      population: 650_000,
    });
    ids.aisne = await createPanelAuthority(db, {
      kind: 'departement',
      code: '02',
      name: 'Aisne',
      population: 530_000,
    });
    for (const authorityId of Object.values(ids)) {
      await appendAssessments(
        db,
        [s.s1, s.s2, s.s3].map((serviceId) => ({
          editionId,
          authorityId,
          serviceId,
          level: 4 as const,
          source: 'crawler' as const,
          confidence: 0.9,
        })),
        T0,
      );
    }
  });
  afterEach(async () => {
    await jobs?.close();
    jobs = undefined;
    calls.length = 0;
  });
  afterAll(async () => database?.close());

  it('queues nothing before the edition’s indicators are first computed', async () => {
    await correct(ids.ain, 3);
    expect(calls).toEqual([]);
  });

  it('keeps a committed review when its follow-up cannot be queued', async () => {
    const outcome = await correctAssessment(
      database.db,
      {
        assessmentId: await current(ids.aisne, s.s1),
        reviewer: 'analyste@exemple.fr',
        level: 3,
        comment: 'vérifié',
      },
      T0,
      async () => {
        throw new Error('file injoignable');
      },
    );
    expect(outcome.assessment.level).toBe(3);
    expect(await current(ids.aisne, s.s1)).toBe(outcome.assessment.id);
  });

  it('brings the stored indicators up to date once the job has run', async () => {
    await computeEditionIndicators(database.db, { year: 2026 }, T0);
    const before = await indexOf('01');
    jobs = await installationTestJobs(database);
    await correct(ids.ain, 0, 0);
    await jobs.queue.drained();
    const after = await indexOf('01');
    expect(after).toBeLessThan(before ?? 0);
    // The same as computing by hand.
    await computeEditionIndicators(database.db, { year: 2026 }, T0);
    expect(await indexOf('01')).toBe(after);
  });

  // Last to use the queue: on pg-boss its waiting job stays in the database after the test.
  it('queues one debounced job for a burst of reviews of a computed draft edition', async () => {
    await computeEditionIndicators(database.db, { year: 2026 }, T0);
    jobs = await installationTestJobs(database);
    await correct(ids.ain, 2);
    await correct(ids.aisne, 2);
    const payloads = calls.map(([kind, payload, options]) => ({ kind, payload, options }));
    expect(payloads).toEqual([
      {
        kind: 'authority-indicators',
        payload: { year: 2026, authorityId: ids.ain },
        options: { startAfterSeconds: 60 },
      },
      {
        kind: 'authority-indicators',
        payload: { year: 2026, authorityId: ids.aisne },
        options: { startAfterSeconds: 60 },
      },
    ]);
    // The second joined the first, still waiting out its minute: one computation for both.
    const status = await jobs.queue.status(1);
    expect(status.kinds.find((k) => k.kind === 'authority-indicators')).toMatchObject({
      queued: 1,
      running: 0,
    });
  });

  it('leaves a published edition’s indicators as published: an erratum queues nothing', async () => {
    await computeEditionIndicators(database.db, { year: 2026 }, T0);
    const published = await indexOf('02');
    await database.db
      .updateTable('editions')
      .set({ status: 'published' })
      .where('id', '=', editionId)
      .execute();
    await recordErratum(
      database.db,
      {
        editionId,
        authorityId: ids.aisne,
        serviceId: s.s1,
        level: 0,
        reason: 'service fermé',
        author: 'analyste@exemple.fr',
      },
      T0,
      queueIndicatorsAfterReview(database.db, recorded),
    );
    expect(calls).toEqual([]);
    expect(await indexOf('02')).toBe(published);
  });
});
