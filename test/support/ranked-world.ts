import { computeEditionIndicators } from '../../src/indicators/indicators.service.ts';
import { createAuthority, SAMPLE_AUTHORITIES } from './authority-factory.ts';
import type { WebWorld } from './web-world.ts';

/**
 * The web world's edition with more of a panel to rank: the Vaucluse with every département
 * service end to end (first), the Corse-du-Sud at level 1, Bourg-en-Bresse's état civil at level 3,
 * and `extra` numbered départements at levels 1 to 3 in turn; `compute` then stores the indicators.
 */
export async function addRankingPanel(world: WebWorld, extra: number): Promise<{ compute(): Promise<void> }> {
  const editionId = (await world.db.selectFrom('editions').select('id').executeTakeFirstOrThrow()).id;
  const vaucluse = await createAuthority(world.db, SAMPLE_AUTHORITIES.vaucluse);
  const corse = await createAuthority(world.db, SAMPLE_AUTHORITIES.corseDuSud);
  for (const service of ['apa', 'rsa', 'fsl'] as const) {
    await world.propose({ editionId, authorityId: vaucluse, service, level: 4 });
  }
  await world.propose({ editionId, authorityId: corse, service: 'apa', level: 1 });
  await world.propose({ editionId, authorityId: world.ids.bourg, service: 'etatCivil', level: 3 });
  for (let i = 0; i < extra; i++) {
    const authorityId = await world.authority('departement');
    await world.propose({ editionId, authorityId, service: 'rsa', level: ((i % 3) + 1) as 1 | 2 | 3 });
  }
  return {
    async compute() {
      await computeEditionIndicators(world.db, { year: 2026 }, new Date('2026-11-21T12:00:00Z'));
    },
  };
}
