import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../test/support/databases.ts';
import { createReviewWorld, type ReviewWorld } from '../../test/support/review-world.ts';
import { levelDistribution } from './level-distribution.query.ts';

describe.each(TEST_ENGINES)('levelDistribution (%s)', (engine) => {
  let world: ReviewWorld;
  beforeAll(async () => {
    world = await createReviewWorld(engine);
  });
  afterAll(() => world?.database.close());

  it('counts current assessments per level, every level listed, superseded rows left out', async () => {
    const edition = await world.edition(2026);
    const other = await world.edition(2025);
    const first = await world.authority();
    const second = await world.authority();
    await world.propose({ editionId: edition, authorityId: first, service: 'apa', level: 4 });
    await world.propose({ editionId: edition, authorityId: first, service: 'rsa', level: 1 });
    await world.propose({ editionId: edition, authorityId: first, service: 'rsa', level: 2 });
    await world.propose({ editionId: edition, authorityId: second, service: 'apa', level: 4 });
    await world.propose({ editionId: other, authorityId: second, service: 'fsl', level: 0 });
    expect(await levelDistribution(world.db, edition)).toEqual([
      { level: 0, count: 0 },
      { level: 1, count: 0 },
      { level: 2, count: 1 },
      { level: 3, count: 0 },
      { level: 4, count: 2 },
    ]);
  });
});
