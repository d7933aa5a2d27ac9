import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../../test/support/databases.ts';
import { pageText } from '../../../test/support/page-text.ts';
import { computeWebIndicators } from '../../../test/support/web-indicators.ts';
import { createWebWorld, type WebWorld } from '../../../test/support/web-world.ts';

const text = pageText;

describe.each(TEST_ENGINES)('scorecard, theme and analysis pages (%s)', (engine) => {
  let world: WebWorld;
  beforeAll(async () => {
    world = await createWebWorld(engine);
  });
  afterAll(() => world?.close());

  const page = async (path: string, status = 200) => {
    const response = await world.app.request(path);
    expect(response.status, path).toBe(status);
    return response.text();
  };

  it('answers 404 in JSON for an authority’s indicators before they are computed', async () => {
    const response = await world.app.request('/api/v1/territories/departement/01/indicators');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/non calculés/);
  });

  it('says the indicators are not computed yet, and still lists themes and the contest link', async () => {
    const card = await page('/collectivites/departement/01');
    expect(card).not.toContain('Comment votre collectivité se situe-t-elle');
    expect(card).toContain('href="/connexion?retour=%2Fadmin%2Fcollectivite%2Fdepartement%2F01"');
    const themes = text(await page('/thematiques'));
    expect(themes).toContain('ne sont pas encore calculés');
    expect(themes).toContain('Solidarités');
    expect(text(await page('/analyses'))).toContain('ne sont pas encore calculés');
    expect(text(await page('/thematiques/solidarites'))).toContain(
      'apparaîtra une fois les indicateurs calculés',
    );
  });

  describe('once the edition’s indicators are computed', () => {
    beforeAll(() => computeWebIndicators(world));

    it('shows the index, the ranks, the percentile and why there is no change', async () => {
      const card = text(await page('/collectivites/departement/01'));
      expect(card).toContain('Score et classement 2026');
      expect(card).toMatch(/\d+e sur 5 rang parmi les départements/);
      expect(card).toContain('rang parmi les départements de 500 000 à 999 999 habitants');
      expect(card).toContain('pas d’édition précédente calculée');
    });

    it('serves the same figures through the API, described in the OpenAPI document', async () => {
      const response = await world.app.request('/api/v1/territories/departement/01/indicators?edition=2026');
      expect(response.status).toBe(200);
      const { data } = (await response.json()) as {
        data: { territory: { code: string }; indicators: Record<string, unknown> };
      };
      expect(data.territory.code).toBe('01');
      expect(data.indicators).toMatchObject({ rank_total: 5, peer_total: 5, end_to_end: 1, partial: 1 });
      expect((data.indicators.levels as number[]).reduce((sum, n) => sum + n, 0)).toBe(
        data.indicators.services_applicable,
      );
      expect((data.indicators.change as { status: string }).status).toBe('none');
      const document = (await (await world.app.request('/api/v1/openapi.json')).json()) as {
        paths: Record<string, unknown>;
      };
      expect(Object.keys(document.paths)).toContain('/territories/{kind}/{code}/indicators');
      expect(
        (await world.app.request('/api/v1/territories/departement/01/indicators?edition=2019')).status,
      ).toBe(404);
    });

    it('compares each indicator with the peer group’s quartiles', async () => {
      const card = text(await page('/collectivites/departement/01'));
      expect(card).toContain('Comment votre collectivité se situe-t-elle ?');
      expect(card).toContain('5 collectivités elle comprise');
      // End to end: Ain 1; peers 0, 0, 1, 1, 2 → q1 0, median 1, q3 1.
      expect(card).toContain('Services de bout en bout 1 0 1 1 Entre les quartiles');
      // Partial (levels 2–3): Ain 1; peers 0, 1, 1, 1, 2 → all three quartiles 1.
      expect(card).toContain('Services partiellement en ligne 1 1 1 1 Entre les quartiles');
      expect(card).toContain('Qualité du portail (sur 100) — — — — non calculable');
    });

    it('lists the themes with their digitalisation rate and rank', async () => {
      const themes = text(await page('/thematiques'));
      // Solidarités: APA and FSL × 5 départements, 6 of 10 at level 2 or more; RSA: 3 of 5.
      expect(themes).toContain(`Solidarités 3 60 % 1`);
      expect(themes).toContain(`Emploi et insertion 1 60 % 1`);
    });

    it('shows a theme’s services with their rates and its best performers', async () => {
      const html = await page('/thematiques/solidarites');
      const theme = text(html);
      expect(theme).toContain(`Allocation personnalisée d’autonomie 5 4 (80 %) 3 (60 %)`);
      expect(theme).toContain(`Fonds de solidarité logement 5 2 (40 %) 0 (0 %)`);
      // Most services online first, then most end to end, then by name; Corse-du-Sud has none.
      const order = ['Isère', 'Vaucluse', 'Ain', 'Drôme'].map((name) =>
        theme.indexOf(`${name} `, theme.indexOf('Collectivité Services en ligne')),
      );
      expect(order.every((at, i) => at > 0 && (i === 0 || at > (order[i - 1] as number)))).toBe(true);
      expect(theme.slice(theme.indexOf('Collectivités les plus avancées'))).not.toContain('Corse-du-Sud');
      expect(html).toContain('href="/collectivites/departement/38"');
      expect(html).toMatch(/<svg[^>]+role="img"/);
    });

    it('draws the distribution and every stored correlation with its reading', async () => {
      const html = await page('/analyses');
      const analyses = text(html);
      expect(analyses).toContain('Répartition des services de bout en bout');
      expect(analyses).toContain(
        'Entre le nombre de services de bout en bout et la population, la corrélation',
      );
      expect(analyses).toContain(
        'Entre l’indice de numérisation et les recettes par habitant, la corrélation',
      );
      expect(analyses).toContain('Corrélation des rangs de Spearman');
      expect(analyses).toContain('Droite de régression');
      expect(html.match(/class="bm-regression"/g)?.length).toBe(6);
      // The table alternative names every département of the scatter plots.
      expect(analyses).toContain(`Vaucluse 600 000 000 2`);
    });

    it('writes these pages without inline script or style, with their navigation entries', async () => {
      for (const path of [
        '/collectivites/departement/01',
        '/thematiques',
        '/thematiques/solidarites',
        '/analyses',
      ]) {
        const html = await page(path);
        expect(html, path).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
        expect(html, path).toContain('href="/thematiques"');
        expect(html, path).toContain('href="/analyses"');
      }
    });

    it('answers 404 for an unknown theme and 400 for an unknown kind', async () => {
      await page('/thematiques/inconnue', 404);
      await page('/analyses?type=canton', 400);
      await page('/thematiques?type=canton', 400);
    });
  });
});
