import { afterEach, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../test/support/databases.ts';
import { createReviewWorld, type ReviewWorld } from '../../test/support/review-world.ts';
import { dataStamp } from './data-stamp.query.ts';

describe.each(TEST_ENGINES)('dataStamp (%s)', (engine) => {
  let world: ReviewWorld | undefined;
  afterEach(() => world?.database.close());

  it('changes when an assessment is appended or an edition changes status, and only then', async () => {
    world = await createReviewWorld(engine);
    const { db } = world;
    const empty = await dataStamp(db);
    expect(await dataStamp(db)).toBe(empty);
    const edition = await world.edition(2026);
    const withEdition = await dataStamp(db);
    expect(withEdition).not.toBe(empty);
    const authority = await world.authority();
    expect(await dataStamp(db)).toBe(withEdition);
    await world.propose({ editionId: edition, authorityId: authority, service: 'apa', level: 2 });
    const assessed = await dataStamp(db);
    expect(assessed).not.toBe(withEdition);
    await db.updateTable('editions').set({ status: 'published' }).where('id', '=', edition).execute();
    expect(await dataStamp(db)).not.toBe(assessed);
  });
});
