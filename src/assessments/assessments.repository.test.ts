import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINES } from '../../test/support/databases.ts';
import type { Database } from '../db/database.ts';
import {
  appendAssessments,
  assessmentHistory,
  currentAssessment,
  recordAssessment,
} from './assessments.repository.ts';

describe.each(TEST_ENGINES)('assessments on %s', (engine) => {
  let database: Database;
  let triple: { editionId: number; authorityId: number; serviceId: number };
  const now = new Date('2026-11-21T10:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const { db } = database;
    await db
      .insertInto('referential_versions')
      .values({ version: '2026.1', checksum: 'x', loaded_at: '' })
      .execute();
    const service = await db
      .insertInto('services')
      .values({
        referential_version: '2026.1',
        key: 'rsa',
        theme_key: 'emploi-insertion',
        name: 'RSA',
        description: '',
        applies_to: '["departement"]',
        phrases: '[]',
        url_hints: '[]',
        position: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const edition = await db
      .insertInto('editions')
      .values({
        year: 2026,
        title: 'B',
        referential_version: '2026.1',
        status: 'draft',
        created_at: '',
        published_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const authority = await db
      .insertInto('authorities')
      .values({
        kind: 'departement',
        code: '01',
        name: 'Ain',
        competences: '["departement"]',
        created_at: '',
        updated_at: '',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    triple = { editionId: edition.id, authorityId: authority.id, serviceId: service.id };
  });
  afterAll(async () => database.close());

  it('keeps every assessment of a service and shows the latest as current', async () => {
    await recordAssessment(
      database.db,
      {
        ...triple,
        level: 2,
        source: 'crawler',
        confidence: 0.7,
        evidence: { phrases: ['revenu de solidarité active'] },
      },
      now,
    );
    await recordAssessment(
      database.db,
      {
        ...triple,
        level: 4,
        source: 'analyst',
        reviewer: 'analyste@example.org',
        comment: 'Dépôt et suivi en ligne',
      },
      now,
    );
    const history = await assessmentHistory(database.db, triple);
    expect(history.map((a) => [a.level, a.source])).toEqual([
      [2, 'crawler'],
      [4, 'analyst'],
    ]);
    expect(history[1]?.supersedes_id).toBe(history[0]?.id);
    expect(JSON.parse(history[0]?.evidence ?? '{}')).toEqual({ phrases: ['revenu de solidarité active'] });
    expect((await currentAssessment(database.db, triple))?.level).toBe(4);
  });

  it('loses no assessment when many are recorded at once for the same service', async () => {
    const before = (await assessmentHistory(database.db, triple)).length;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        recordAssessment(
          database.db,
          { ...triple, level: (i % 5) as 0 | 1 | 2 | 3 | 4, source: 'analyst' },
          now,
        ),
      ),
    );
    const history = await assessmentHistory(database.db, triple);
    expect(history).toHaveLength(before + 12);
    // One chain: every row but the root supersedes exactly one other, and exactly one is current.
    const superseded = new Set(history.map((a) => a.supersedes_id).filter((id) => id !== null));
    expect(superseded.size).toBe(history.length - 1);
    const current = await database.db
      .selectFrom('current_assessments')
      .select('id')
      .where('authority_id', '=', triple.authorityId)
      .execute();
    expect(current).toHaveLength(1);
  });

  it('appends a batch in one call, each row superseding its own triple’s current assessment', async () => {
    const before = await currentAssessment(database.db, triple);
    const rows = await appendAssessments(
      database.db,
      [{ ...triple, level: 3, source: 'crawler', evidenceUrl: 'https://www.ain.fr/rsa' }],
      now,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.supersedes_id).toBe(before?.id);
    expect((await currentAssessment(database.db, triple))?.evidence_url).toBe('https://www.ain.fr/rsa');
    expect(await appendAssessments(database.db, [], now)).toEqual([]);
  });

  it('refuses a level outside 0–4 at the database', async () => {
    await expect(
      database.db
        .insertInto('assessments')
        .values({
          edition_id: triple.editionId,
          authority_id: triple.authorityId,
          service_id: triple.serviceId,
          level: 5,
          evidence: '{}',
          source: 'crawler',
          created_at: now.toISOString(),
          supersedes_id: null,
        })
        .execute(),
    ).rejects.toThrow(/check constraint/i);
  });
});
