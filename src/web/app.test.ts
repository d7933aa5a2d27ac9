import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../test/support/databases.ts';
import { createWebWorld, type WebWorld } from '../../test/support/web-world.ts';
import { NARROW_NBSP, NBSP } from '../shared/french-typography.ts';
import { CONTENT_SECURITY_POLICY, HSTS } from './middleware/security-headers.ts';

// Answers are read loosely here; their shapes are the API schemas' business.
// biome-ignore lint/suspicious/noExplicitAny: JSON bodies under test
type Json = any;

describe.each(TEST_ENGINES)('public site over HTTP (%s)', (engine) => {
  let world: WebWorld;
  beforeAll(async () => {
    world = await createWebWorld(engine);
  });
  afterAll(() => world?.close());

  const get = (path: string, headers: Record<string, string> = {}) => world.app.request(path, { headers });

  describe('headers', () => {
    it('sends a strict CSP and the other security headers on pages, API and errors alike', async () => {
      for (const path of ['/', '/api/v1/editions', '/introuvable']) {
        const response = await get(path);
        expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('x-frame-options')).toBe('DENY');
        expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      }
      expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
      expect(CONTENT_SECURITY_POLICY).toContain("style-src 'self'");
    });

    it('sends no HSTS over plain HTTP, even when a client forges X-Forwarded-Proto', async () => {
      expect((await get('/')).headers.get('strict-transport-security')).toBeNull();
      expect(
        (await get('/', { 'x-forwarded-proto': 'https' })).headers.get('strict-transport-security'),
      ).toBeNull();
    });

    it('writes pages with no inline script or style for the CSP to block', async () => {
      for (const path of [
        '/',
        '/recherche?q=ain',
        '/collectivites/departement/01',
        '/methodologie',
        '/api',
      ]) {
        const html = await (await get(path)).text();
        expect(html, path).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
        expect(html, path).toMatch(/^<!DOCTYPE html><html lang="fr"/);
      }
    });

    it('writes French punctuation with no-break spaces in every text of every page', async () => {
      for (const path of [
        '/',
        '/recherche?q=ain',
        '/recherche?q=',
        '/collectivites/departement/01',
        '/methodologie',
        '/api',
        '/x',
      ]) {
        const html = await (await get(path)).text();
        const texts = [...html.matchAll(/>([^<]+)</g)].map((m) => m[1] as string);
        const attributes = [...html.matchAll(/(?:title|aria-label|alt)="([^"]+)"/g)].map(
          (m) => m[1] as string,
        );
        for (const text of [...texts, ...attributes]) {
          expect(text, path).not.toMatch(/ [;:!?](?=\s|$)|« | »/);
        }
      }
    });

    it('answers a repeated request with 304 when its ETag still matches', async () => {
      const first = await get('/methodologie');
      const tag = first.headers.get('etag');
      expect(tag).toBeTruthy();
      expect(first.headers.get('cache-control')).toBe('public, no-cache');
      const again = await get('/methodologie', { 'if-none-match': tag as string });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
    });

    it('serves the stylesheet under a hashed name, cacheable for a year', async () => {
      const response = await get('/assets/barometre.test.css');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const html = await (await get('/')).text();
      expect(html).toContain('<link rel="stylesheet" href="/assets/barometre.test.css"/>');
    });

    it('answers HEAD like GET, without a body, and CORS preflights on the API', async () => {
      const head = await world.app.request('/methodologie', { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
      const preflight = await world.app.request('/api/v1/territories', {
        method: 'OPTIONS',
        headers: { origin: 'https://journal.example', 'access-control-request-method': 'GET' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,HEAD,OPTIONS');
    });

    it('serves a health check, the icon and an API index', async () => {
      expect(await (await get('/sante')).json()).toEqual({ status: 'ok' });
      expect((await get('/favicon.svg')).headers.get('content-type')).toBe('image/svg+xml');
      expect(((await (await get('/api/v1')).json()) as Json).openapi).toBe('/api/v1/openapi.json');
    });

    it('marks the current section in the navigation', async () => {
      const html = await (await get('/recherche')).text();
      expect(html).toMatch(/href="\/recherche" aria-current="page"/);
      expect(html.match(/aria-current="page"/g)).toHaveLength(1);
    });

    it('compresses pages for clients that accept gzip', async () => {
      const response = await get('/', { 'accept-encoding': 'gzip' });
      expect(response.headers.get('content-encoding')).toBe('gzip');
      expect((await get('/')).headers.get('content-encoding')).toBeNull();
    });
  });

  describe('errors', () => {
    it('answers an unknown page with a French 404 page that is not cached', async () => {
      const response = await get('/nulle-part');
      expect(response.status).toBe(404);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const html = await response.text();
      expect(html).toContain('<h1 class="govuk-heading-l">Page introuvable</h1>');
      expect(html).toContain('href="/recherche"');
    });

    it('answers an unknown authority or kind with the 404 page', async () => {
      expect((await get('/collectivites/departement/00')).status).toBe(404);
      expect((await get('/collectivites/canton/01')).status).toBe(404);
    });

    it('answers an unknown API path with JSON', async () => {
      const response = await get('/api/v1/nothing');
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: { code: 'not_found', message: 'Ressource introuvable' },
      });
    });
  });

  describe('search', () => {
    it('finds an authority by name, accents and hyphens aside', async () => {
      const html = await (await get('/recherche?q=bourg%20en%20bresse')).text();
      expect(html).toContain('href="/collectivites/commune/01053">Bourg-en-Bresse</a>');
      expect(html).toContain(`41${NARROW_NBSP}365 habitants`);
    });

    it('finds a commune by INSEE code and by postal code', async () => {
      expect(await (await get('/recherche?q=01053')).text()).toContain('Bourg-en-Bresse');
      const byPostalCode = await (await get('/recherche?q=01000')).text();
      expect(byPostalCode).toContain('Bourg-en-Bresse');
      expect(byPostalCode).toContain('code postal 01000');
    });

    it('says when nothing matches', async () => {
      const html = await (await get('/recherche?q=zzzz')).text();
      expect(html).toContain(`Aucun résultat pour «${NBSP}zzzz${NBSP}»`);
    });

    it('shows an error summary linked to the field for an empty or too long query, with status 400', async () => {
      const empty = await get('/recherche?q=%20');
      expect(empty.status).toBe(400);
      const html = await empty.text();
      expect(html).toContain('govuk-error-summary');
      expect(html).toContain('<a href="#q">Saisissez un nom, un code INSEE ou un code postal</a>');
      expect(html).toContain('aria-describedby="q-hint q-error"');
      expect(html).toContain(
        '<title>Erreur : rechercher une collectivité — Baromètre</title>'.replace(' :', `${NBSP}:`),
      );
      expect((await get(`/recherche?q=${'a'.repeat(101)}`)).status).toBe(400);
    });

    it('shows the empty form when no search was made', async () => {
      const response = await get('/recherche');
      expect(response.status).toBe(200);
      expect(await response.text()).not.toContain('résultat');
    });
  });

  describe('authority page', () => {
    it('shows identity, revenue and website from stored data', async () => {
      const html = await (await get('/collectivites/departement/01')).text();
      expect(html).toContain('<h1 class="govuk-heading-xl">Ain</h1>');
      expect(html).toContain(`612${NARROW_NBSP}345${NARROW_NBSP}678${NBSP}€ (2024)`);
      expect(html).toContain('href="https://www.ain.fr/"');
      expect(html).toContain('href="/collectivites/region/84">Auvergne-Rhône-Alpes</a>');
    });

    it('lists current assessments by theme with level, source and evidence link', async () => {
      const html = await (await get('/collectivites/departement/01')).text();
      expect(html).toContain(
        '<caption class="govuk-table__caption govuk-table__caption--m">Solidarités</caption>',
      );
      expect(html).toContain('<span class="bm-level bm-level--4">4 — De bout en bout</span>');
      expect(html).toContain('href="https://www.ain.fr/apa"');
      expect(html).toContain('de preuve pour Allocation personnalisée d’autonomie');
      expect(html).toContain('3 services applicables évalués');
    });

    it('says when an authority has no assessment in the edition', async () => {
      const html = await (await get('/collectivites/commune/01053')).text();
      expect(html).toContain('Aucune évaluation de cette collectivité pour l’édition 2026.');
    });
  });

  describe('home and methodology', () => {
    it('labels the map value as a raw count and gives its table', async () => {
      const html = await (await get('/')).text();
      expect(html).toContain('Démarches de bout en bout par département');
      expect(html).toContain('n’est pas l’indice du Baromètre');
      expect(html).toContain('Voir les données sous forme de tableau');
      expect(html).toMatch(
        /<th scope="row" class="govuk-table__header"><a href="\/collectivites\/departement\/01">Ain<\/a><\/th>/,
      );
      expect(html).toContain('édition 2026, en préparation');
    });

    it('charts the current assessments by level, with their table', async () => {
      const html = await (await get('/')).text();
      expect(html).toContain(
        '<title id="graphique-niveaux-title">Services évalués, par niveau de numérisation</title>',
      );
      expect(html).toContain(`Sur 3 évaluations courantes, 1 (33,3${NBSP}%) portent`);
      expect(html).toMatch(
        /<th scope="row" class="govuk-table__header">4 — De bout en bout<\/th><td class="govuk-table__cell govuk-table__cell--numeric">1<\/td>/,
      );
    });

    it('takes the levels from the referential’s single definition', async () => {
      const { DIGITALISATION_LEVELS } = await import('../referential/levels.ts');
      const html = await (await get('/methodologie')).text();
      for (const level of DIGITALISATION_LEVELS) expect(html).toContain(`${level.level} — ${level.label}`);
    });
  });

  describe('API v1', () => {
    it('lists territories with filters and pagination metadata', async () => {
      const body = (await (await get('/api/v1/territories?kind=commune&per_page=1&page=2')).json()) as Json;
      expect(body.meta).toEqual({ page: 2, per_page: 1, total: 2 });
      expect(body.data).toEqual([
        expect.objectContaining({ kind: 'commune', code: '01053', url: '/api/v1/territories/commune/01053' }),
      ]);
    });

    it('answers bad parameters with 400 naming each field', async () => {
      const response = await get('/api/v1/territories?kind=canton&per_page=1000');
      expect(response.status).toBe(400);
      const body = (await response.json()) as Json;
      expect(body.error.code).toBe('input_invalid');
      expect(body.error.problems.map((p: { field: string }) => p.field).sort()).toEqual(['kind', 'per_page']);
    });

    it('gives a territory’s assessments with evidence, and 404 for an unknown one', async () => {
      const response = await get('/api/v1/territories/departement/01/assessments');
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      const body = (await response.json()) as Json;
      expect(body.data.edition.year).toBe(2026);
      expect(body.data.simulated).toBe(false);
      expect(body.data.assessments).toContainEqual(
        expect.objectContaining({ level: 4, evidence_url: 'https://www.ain.fr/apa', source: 'crawler' }),
      );
      expect((await get('/api/v1/territories/departement/00/assessments')).status).toBe(404);
      expect((await get('/api/v1/territories/departement/01/assessments?edition=2019')).status).toBe(404);
    });

    it('searches by postal code', async () => {
      const body = (await (await get('/api/v1/search?q=01000')).json()) as Json;
      expect(body.data[0]).toMatchObject({
        reason: 'postal_code',
        postal_code: '01000',
        territory: { code: '01053' },
      });
      expect((await get('/api/v1/search')).status).toBe(400);
    });

    it('publishes an OpenAPI document generated from the validation schemas', async () => {
      const doc = (await (await get('/api/v1/openapi.json')).json()) as Json;
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toContain('/territories/{kind}/{code}/assessments');
      const params = doc.paths['/territories'].get.parameters.map((p: { name: string }) => p.name);
      expect(params).toEqual(['kind', 'region', 'departement', 'page', 'per_page']);
    });
  });
});

describe('public site behind TLS and on failure', () => {
  it('sends HSTS on every answer when the site is served over TLS', async () => {
    const world = await createWebWorld('sqlite', { tls: { tls: true, trustProxy: false } });
    try {
      expect((await world.app.request('/')).headers.get('strict-transport-security')).toBe(HSTS);
      expect((await world.app.request('/nulle-part')).headers.get('strict-transport-security')).toBe(HSTS);
    } finally {
      await world.close();
    }
  });

  it('sends HSTS behind a trusted proxy only when it says the client used https', async () => {
    const world = await createWebWorld('sqlite', { tls: { tls: false, trustProxy: true } });
    try {
      const over = async (proto: string) =>
        (await world.app.request('/', { headers: { 'x-forwarded-proto': proto } })).headers.get(
          'strict-transport-security',
        );
      expect(await over('https')).toBe(HSTS);
      expect(await over('https, http')).toBe(HSTS);
      expect(await over('http')).toBeNull();
    } finally {
      await world.close();
    }
  });

  it('answers an unexpected failure with a French 500 page giving the logged request id', async () => {
    const logged: { message: string; fields?: Record<string, unknown> }[] = [];
    const logger = {
      info() {},
      warn() {},
      error: (message: string, fields?: Record<string, unknown>) => logged.push({ message, fields }),
    };
    const world = await createWebWorld('sqlite', {
      logger,
      services: (real) => ({
        ...real,
        currentEdition: () => Promise.reject(new Error('disk on fire')),
        listEditions: () => Promise.reject(new Error('disk on fire')),
      }),
    });
    try {
      const page = await world.app.request('/');
      expect(page.status).toBe(500);
      expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      const html = await page.text();
      expect(html).toContain('Désolé, le service rencontre un problème');
      expect(html).not.toContain('disk on fire');
      const failure = logged.find((entry) => entry.message === 'unhandled error');
      expect(failure?.fields?.error).toBeInstanceOf(Error);
      expect(html).toContain(`<code>${failure?.fields?.requestId}</code>`);

      const api = await world.app.request('/api/v1/editions');
      expect(api.status).toBe(500);
      expect(await api.json()).toMatchObject({
        error: { code: 'internal_error', message: 'Erreur interne' },
      });
    } finally {
      await world.close();
    }
  });
});
