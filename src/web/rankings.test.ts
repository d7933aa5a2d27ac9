import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../test/support/databases.ts';
import { addRankingPanel } from '../../test/support/ranked-world.ts';
import { createWebWorld, type WebWorld } from '../../test/support/web-world.ts';
import { peerGroupOf } from '../indicators/ranking.rules.ts';
import { EDITION_DATASETS } from '../reports/exports/edition-datasets.ts';

/** Names of the authorities in the rankings table, in the order shown. */
const namesIn = (html: string) =>
  [
    ...html.matchAll(
      /<th scope="row" class="govuk-table__header"><a href="\/collectivites\/[^"]+">([^<]+)<\/a>/g,
    ),
  ].map((m) => m[1] as string);

describe.each(TEST_ENGINES)('rankings and open data over HTTP (%s)', (engine) => {
  let world: WebWorld;
  let panel: Awaited<ReturnType<typeof addRankingPanel>>;
  const get = (path: string) => world.app.request(path);
  const html = async (path: string, status = 200) => {
    const response = await get(path);
    expect(response.status, path).toBe(status);
    return response.text();
  };

  beforeAll(async () => {
    world = await createWebWorld(engine);
    // 29 départements: enough for a second page of 25.
    panel = await addRankingPanel(world, 26);
  });
  afterAll(() => world?.close());

  describe('before the indicators are computed', () => {
    it('says the ranking is not computed yet, and has no CSV to give', async () => {
      expect(await html('/classements')).toContain('ne sont pas encore calculés');
      expect((await get('/classements.csv')).status).toBe(404);
    });

    it('lists the tables, the indicators ones as not yet available, and serves none of those', async () => {
      const page = await html('/donnees');
      expect(page).toContain('/donnees/2026/collectivites.csv');
      expect(page).not.toContain('/donnees/2026/indicateurs.csv');
      expect(page).toContain('Pas encore disponible');
      expect((await get('/donnees/2026/indicateurs.csv')).status).toBe(404);
    });

    it('keeps the raw end-to-end map on the home page', async () => {
      const page = await html('/');
      expect(page).toContain('id="carte-bout-en-bout-title"');
      expect(page).not.toContain('id="carte-indice-title"');
    });
  });

  describe('once computed', () => {
    beforeAll(async () => {
      await panel.compute();
    });

    it('ranks by index, best first, and filters by kind', async () => {
      const names = namesIn(await html('/classements?categorie=departement'));
      expect(names).toHaveLength(29);
      expect(names[0]).toBe('Vaucluse');
      expect(names.indexOf('Ain')).toBe(1);
      expect(namesIn(await html('/classements?categorie=commune'))).toEqual(['Bourg-en-Bresse']);
    });

    it('paginates: a second page with the rest, links between them, a 404 past the last', async () => {
      const first = await html('/classements?categorie=departement&par_page=25');
      expect(namesIn(first)).toHaveLength(25);
      expect(first).toContain('href="/classements?categorie=departement&amp;par_page=25&amp;page=2"');
      const second = await html('/classements?categorie=departement&par_page=25&page=2');
      expect(namesIn(second)).toHaveLength(29 - 25);
      expect(second).toContain('Collectivités 26 à 29 sur 29, page 2 sur 2');
      expect(namesIn(second)).not.toContain('Vaucluse');
      await html('/classements?categorie=departement&par_page=25&page=3', 404);
    });

    it('sorts by a column from its header link, and reverses on the second click', async () => {
      const byName = await html('/classements?categorie=departement&tri=nom&par_page=100');
      const names = namesIn(byName);
      expect(names[0]).toBe('Ain');
      expect(names.at(-1)).toBe('Vaucluse');
      expect(byName).toMatch(/<th scope="col" class="govuk-table__header" aria-sort="ascending">/);
      expect(byName).toContain(
        'href="/classements?categorie=departement&amp;tri=nom&amp;ordre=desc&amp;par_page=100"',
      );
      const reversed = namesIn(
        await html('/classements?categorie=departement&tri=nom&ordre=desc&par_page=100'),
      );
      expect(reversed).toEqual([...names].reverse());
    });

    it('filters by région, département and population stratum', async () => {
      expect(namesIn(await html('/classements?region=84')).sort()).toEqual(['Ain', 'Bourg-en-Bresse']);
      expect(namesIn(await html('/classements?departement=84'))).toEqual(['Vaucluse']);
      const stratum = peerGroupOf({ kind: 'commune', code: '01053', population: 41365 }) as string;
      const page = await html(`/classements?strate=${encodeURIComponent(stratum)}`);
      expect(namesIn(page)).toEqual(['Bourg-en-Bresse']);
      expect(page).toContain(`<option value="${stratum}" selected="">`);
      expect(await html('/classements?region=11')).toContain(
        'Aucune collectivité ne correspond à ces filtres.',
      );
    });

    it('answers bad parameters with a French 400 naming them', async () => {
      for (const [query, text] of [
        ['categorie=canton', 'catégorie inconnue'],
        ['tri=rang', 'colonne de tri inconnue'],
        ['page=0', 'la page commence à 1'],
        ['strate=commune:xyz', 'strate inconnue'],
        ['par_page=7', '25, 50, 100 ou 200 attendu'],
      ]) {
        expect(await html(`/classements?${query}`, 400)).toContain(text as string);
      }
    });

    it('downloads the current view as a spreadsheet CSV: every page, same filters and order', async () => {
      const response = await get('/classements.csv?categorie=departement&tri=nom&page=2');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="classement-2026.csv"');
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder().decode(bytes).trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'rang;rang_sur;categorie;code;nom;code_region;code_departement;indice;indice_partiel;demarches_bout_en_bout;thematiques_couvertes;thematiques_applicables;population;strate',
      );
      expect(lines).toHaveLength(1 + 29);
      expect(lines[1]).toMatch(/^2;29;département;01;Ain;84;01;\d+(,\d)?;(oui|non);1;/);
      expect(lines.at(-1)).toMatch(/^1;29;département;84;Vaucluse;93;84;/);
      expect((await get('/classements.csv?tri=x')).status).toBe(400);
    });

    it('links the CSV with the filters of the page it is on', async () => {
      expect(await html('/classements?categorie=commune&tri=population&page=1')).toContain(
        'href="/classements.csv?categorie=commune&amp;tri=population"',
      );
    });

    it('lists every table of the edition with its fields and its download links', async () => {
      const page = await html('/donnees');
      for (const dataset of EDITION_DATASETS) {
        expect(page).toContain(`href="/donnees/2026/${dataset.name}.csv"`);
        expect(page).toContain(`href="/donnees/2026/${dataset.name}.schema.json"`);
        for (const field of dataset.fields) expect(page).toContain(`<code>${field.name}</code>`);
      }
      expect(page).not.toContain('Pas encore disponible');
      expect(page).toContain('href="/donnees/2026/datapackage.json"');
    });

    it('streams a table as the export writes it, with its schema and the data package', async () => {
      const response = await get('/donnees/2026/indicateurs.csv');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const lines = (await response.text()).trimEnd().split('\n');
      const indicators = EDITION_DATASETS.find((d) => d.name === 'indicateurs');
      expect(lines[0]).toBe(indicators?.fields.map((f) => f.name).join(','));
      expect(lines).toHaveLength(1 + 29 + 1);
      const schema = await (await get('/donnees/2026/indicateurs.schema.json')).json();
      expect(schema.fields.map((f: { name: string }) => f.name)).toEqual(
        indicators?.fields.map((f) => f.name),
      );
      const descriptor = await (await get('/donnees/2026/datapackage.json')).json();
      expect(descriptor.resources.map((r: { path: string }) => r.path)).toEqual(
        EDITION_DATASETS.map((d) => `${d.name}.csv`),
      );
      expect(descriptor.licenses[0].name).toBe('etalab-2.0');
    });

    it('answers 404 for an unknown edition, table or file', async () => {
      for (const path of [
        '/donnees/2025/collectivites.csv',
        '/donnees/2025/datapackage.json',
        '/donnees/2026/inconnue.csv',
        '/donnees/2026/collectivites.xlsx',
        '/donnees/20x6/collectivites.csv',
        '/donnees/2026/inconnue.schema.json',
      ]) {
        expect((await get(path)).status, path).toBe(404);
      }
    });

    it('shows the key figures, findings, index map and theme ranking on the home page', async () => {
      const page = await html('/');
      expect(page).toContain('L’édition 2026 en chiffres');
      expect(page).toContain('Les constats');
      expect(page).toContain('L’édition 2026 porte sur');
      expect(page).toContain('id="carte-indice-title"');
      expect(page).not.toContain('id="carte-bout-en-bout-title"');
      expect(page).toContain('id="graphique-thematiques-title"');
      expect(page).toContain('href="/classements"');
    });
  });
});
