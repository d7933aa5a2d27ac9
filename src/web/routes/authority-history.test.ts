import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../../test/support/databases.ts';
import { pageText } from '../../../test/support/page-text.ts';
import { T0 } from '../../../test/support/review-world.ts';
import { computeWebIndicators } from '../../../test/support/web-indicators.ts';
import { createWebWorld, type WebWorld } from '../../../test/support/web-world.ts';
import { computeEditionIndicators } from '../../indicators/indicators.service.ts';

const text = pageText;

describe.each(TEST_ENGINES)('scorecard history across editions (%s)', (engine) => {
  let world: WebWorld;
  beforeAll(async () => {
    world = await createWebWorld(engine);
  });
  afterAll(() => world?.close());

  const scorecard = async () => {
    const response = await world.app.request('/collectivites/departement/01');
    expect(response.status).toBe(200);
    return response.text();
  };

  it('has no history section before any indicators are computed', async () => {
    expect(await scorecard()).not.toContain('id="historique"');
  });

  it('shows the first computed edition, then each edition with its index, services and rank', async () => {
    await computeWebIndicators(world);
    const first = text(await scorecard());
    expect(first).toContain('Évolution d’une édition à l’autre');
    expect(first).toContain('Première édition calculée pour cette collectivité (2026)');

    const edition = await world.edition(2027);
    await world.propose({ editionId: edition, authorityId: world.ids.ain, service: 'apa', level: 4 });
    await computeEditionIndicators(world.db, { year: 2027 }, T0);
    const html = await scorecard();
    expect(html).toContain('aria-labelledby="historique-indice-title');
    const both = text(html);
    expect(both).toMatch(/2026 [\d,]+( \(partiel\))? \d+ \d+ sur \d+ pas d’édition précédente calculée/);
    expect(both).toMatch(/2027 [\d,]+( \(partiel\))? \d+ 1 sur 1 comparable à l’édition précédente/);
  });

  it('flags an edition that cannot be compared with the one before', async () => {
    const edition = await world.db
      .selectFrom('editions')
      .select('id')
      .where('year', '=', 2027)
      .executeTakeFirstOrThrow();
    await world.db
      .updateTable('authority_indicators')
      .set({ change_status: 'not_comparable' })
      .where('edition_id', '=', edition.id)
      .execute();
    const page = text(await scorecard());
    expect(page).toContain('non comparable (référentiel ou méthode changés)');
    expect(page).toContain('Attention : 2027 non comparable à l’édition précédente');
  });
});
