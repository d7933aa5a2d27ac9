import { computeEditionIndicators } from '../../src/indicators/indicators.service.ts';
import type { DigitalisationLevel } from '../../src/referential/levels.ts';
import { createAuthority, SAMPLE_AUTHORITIES } from './authority-factory.ts';
import { METHOD_2026_1 } from './indicator-world.ts';
import { T0 } from './review-world.ts';
import type { WebWorld } from './web-world.ts';

/**
 * Gives the web world's edition 2026 computed indicators: the Ain and four more départements,
 * all of 500 000 to 999 999 inhabitants (one peer group), with revenues and proposals spread
 * so that ranks, quartiles and correlations have something to show.
 */
export const DEPARTEMENT_LEVELS: readonly {
  code: string;
  name: string;
  population: number;
  revenue: number;
  levels: { apa: DigitalisationLevel; rsa: DigitalisationLevel; fsl: DigitalisationLevel };
}[] = [
  {
    code: '84',
    name: 'Vaucluse',
    population: 560_000,
    revenue: 600_000_000,
    levels: { apa: 4, rsa: 4, fsl: 3 },
  },
  {
    code: '2A',
    name: 'Corse-du-Sud',
    population: 520_000,
    revenue: 450_000_000,
    levels: { apa: 1, rsa: 0, fsl: 0 },
  },
  {
    code: '26',
    name: 'Drôme',
    population: 530_000,
    revenue: 520_000_000,
    levels: { apa: 2, rsa: 1, fsl: 0 },
  },
  {
    code: '38',
    name: 'Isère',
    population: 990_000,
    revenue: 1_200_000_000,
    levels: { apa: 4, rsa: 2, fsl: 2 },
  },
];

export async function computeWebIndicators(world: WebWorld): Promise<void> {
  const { db } = world;
  const editionId = (
    await db.selectFrom('editions').select('id').where('year', '=', 2026).executeTakeFirstOrThrow()
  ).id;
  await db
    .updateTable('authorities')
    .set({ population: 660_000, population_year: 2023 })
    .where('id', '=', world.ids.ain)
    .execute();
  for (const d of DEPARTEMENT_LEVELS) {
    const known = Object.values(SAMPLE_AUTHORITIES).find(
      (a) => a.kind === 'departement' && a.code === d.code,
    );
    const id = await createAuthority(db, known ?? { kind: 'departement', code: d.code, name: d.name });
    await db
      .updateTable('authorities')
      .set({ population: d.population, population_year: 2023 })
      .where('id', '=', id)
      .execute();
    await db
      .insertInto('authority_finances')
      .values({
        authority_id: id,
        year: 2024,
        operating_revenue: d.revenue,
        source: 'test',
        imported_at: T0.toISOString(),
      })
      .execute();
    for (const service of ['apa', 'rsa', 'fsl'] as const)
      await world.propose({ editionId, authorityId: id, service, level: d.levels[service] });
  }
  await computeEditionIndicators(db, { year: 2026, method: METHOD_2026_1 }, T0);
}
