import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../../test/support/databases.ts';
import { pageText } from '../../../test/support/page-text.ts';
import { createWebWorld, type WebWorld } from '../../../test/support/web-world.ts';
import { shippedClassifier } from '../../initiatives/classification/shipped.ts';
import { shippedTaxonomy } from '../../initiatives/domains.ts';
import { moderateInitiative, submitInitiative } from '../../initiatives/initiatives.service.ts';

const NOW = new Date('2026-11-21T08:00:00.000Z');
const deps = { classifier: shippedClassifier(), taxonomy: shippedTaxonomy(), now: NOW };

const text = pageText;

describe.each(TEST_ENGINES)('public initiatives registry (%s)', (engine) => {
  let world: WebWorld;
  beforeAll(async () => {
    world = await createWebWorld(engine);
    const submit = async (
      authorityId: number,
      title: string,
      description: string,
      year: string,
      publish = true,
    ) => {
      const { id } = await submitInitiative(
        world.db,
        { authorityId, title, description, year, submittedBy: 'elu@ain.fr' },
        deps,
      );
      if (publish)
        await moderateInitiative(world.db, { id, decision: 'published', moderator: 'mod@exemple.fr' }, NOW);
    };
    await submit(
      world.ids.ain,
      'Ateliers numériques en médiathèque',
      'Des ateliers d’initiation au numérique pour les seniors, avec des conseillers numériques.',
      '2025',
    );
    await submit(
      world.ids.bourg,
      'Portail des inscriptions scolaires',
      'Inscription à la cantine et au périscolaire en ligne. <script>alert("x")</script>',
      '2026',
    );
    await submit(
      world.ids.bourg,
      'Projet en attente',
      'Pas encore modéré : ne doit pas paraître.',
      '2026',
      false,
    );
  });
  afterAll(() => world?.close());

  const get = async (path: string, status = 200) => {
    const response = await world.app.request(path);
    expect(response.status, path).toBe(status);
    return response;
  };

  it('lists published initiatives only, with the domain chart and its table', async () => {
    const html = await (await get('/initiatives')).text();
    const page = text(html);
    expect(page).toContain(' 2 initiatives publiées.');
    expect(page).not.toContain('2 2');
    expect(page).toContain('Ateliers numériques en médiathèque');
    expect(page).toContain('Portail des inscriptions scolaires');
    expect(page).not.toContain('Projet en attente');
    expect(page).toContain('Part des initiatives par domaine');
    expect(html).toContain('<table');
    expect(html).toContain('href="/collectivites/departement/01"');
  });

  it('renders a description’s markup as text, never as markup', async () => {
    const html = await (await get('/initiatives')).text();
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('filters by year, région, size and domain, and exports the same selection', async () => {
    expect(text(await (await get('/initiatives?annee=2025')).text())).toContain(
      '1 sur 2 initiatives publiées',
    );
    const bourgOnly = text(await (await get('/initiatives?taille=10000-49999')).text());
    expect(bourgOnly).toContain('Portail des inscriptions scolaires');
    expect(bourgOnly).not.toContain('Ateliers numériques en médiathèque');
    expect(text(await (await get('/initiatives?region=11')).text())).toContain(
      'Aucune initiative publiée ne répond',
    );
    const domain = shippedTaxonomy().domains[0]?.key as string;
    await get(`/initiatives?domaine=${domain}`);
    const csv = await (await get('/initiatives.csv?annee=2026')).text();
    expect(csv).toContain('Portail des inscriptions scolaires');
    expect(csv).not.toContain('Ateliers numériques');
    const json = JSON.parse(await (await get('/initiatives.json')).text()) as { initiatives: unknown[] };
    expect(json.initiatives).toHaveLength(2);
    expect(JSON.stringify(json)).not.toContain('elu@ain.fr');
  });

  it('answers 400 for a bad filter, naming it', async () => {
    for (const [query, field] of [
      ['domaine=cuisine', 'domaine'],
      ['taille=enorme', 'taille'],
      ['annee=deux', 'annee'],
      ['region=ARA', 'region'],
    ]) {
      expect(await (await get(`/initiatives?${query}`, 400)).text(), query).toContain(field);
    }
  });

  it('lists an authority’s published initiatives on its scorecard', async () => {
    const page = text(await (await get('/collectivites/departement/01')).text());
    expect(page).toContain('Initiatives numériques');
    expect(page).toContain('1 initiative publiée au registre');
    expect(page).toContain('Ateliers numériques en médiathèque');
  });
});
