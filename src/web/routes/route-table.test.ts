import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../../test/support/databases.ts';
import {
  createRoleUsers,
  TEST_PASSWORD,
  type WebClient,
  webClient,
} from '../../../test/support/web-client.ts';
import { createWebWorld, type WebWorld } from '../../../test/support/web-world.ts';
import type { SignedInUser } from '../../accounts/users.repository.ts';
import { confirmAssessment } from '../../assessments/review.service.ts';
import { insertInitiative } from '../../initiatives/initiatives.repository.ts';
import { createCampaign } from '../../surveys/campaigns.service.ts';
import { adminRouteTable } from './admin-routes.ts';

const SAMPLE_CAMPAIGN = {
  slug: 'maturite-2026',
  template: 'maturite-numerique',
  edition: '2026',
  closesAt: new Date('2099-12-31T00:00:00Z'),
  by: 'admin@barometre.test',
};

/**
 * Walks the app's own route table: every back-office route refuses the public (sign-in page) and
 * the roles its declared rule refuses (403), and lets the others in; every form that changes state
 * refuses a post without its CSRF token; every other page stays public.
 */

/** State-changing routes the public may post (with a CSRF token); anything else must be guarded. */
const PUBLIC_FORMS = new Set([
  'POST /connexion',
  'POST /deconnexion',
  'POST /compte/mot-de-passe-oublie',
  'POST /compte/mot-de-passe',
  // Survey respondents answer without an account: the link's token is their credential.
  'POST /enquete/:token/envoi',
  'POST /enquete/:token/:page',
]);

/** A real address for each parameterised route. */
const SAMPLE_PATHS: Record<string, string> = {
  '/collectivites/:kind/:code': '/collectivites/departement/01',
  '/thematiques/:key': '/thematiques/solidarites',
  '/api/v1/territories/:kind/:code': '/api/v1/territories/departement/01',
  '/api/v1/territories/:kind/:code/assessments': '/api/v1/territories/departement/01/assessments',
  '/api/v1/territories/:kind/:code/indicators': '/api/v1/territories/departement/01/indicators',
  '/api/v1/editions/:year/aggregates': '/api/v1/editions/2026/aggregates',
  '/api/v1/editions/:year/indicators': '/api/v1/editions/2026/indicators?kind=departement',
  '/donnees/:year/datapackage.json': '/donnees/2026/datapackage.json',
  '/rapport/:file': '/rapport/2026',
  '/donnees/:year/:file': '/donnees/2026/collectivites.csv',
  '/admin/editions/:year': '/admin/editions/2026',
  '/admin/editions/:year/collecte': '/admin/editions/2026/collecte',
  '/admin/editions/:year/site/:kind/:code': '/admin/editions/2026/site/departement/01',
  '/admin/editions/:year/calcul': '/admin/editions/2026/calcul',
  '/admin/editions/:year/publication': '/admin/editions/2026/publication',
  '/admin/editions/:year/apercu': '/admin/editions/2026/apercu',
  '/admin/editions/:year/apercu/:kind/:code': '/admin/editions/2026/apercu/departement/01',
  '/admin/collectivite/:kind/:code': '/admin/collectivite/departement/01',
  '/admin/collectivite/:kind/:code/site': '/admin/collectivite/departement/01/site',
  '/admin/collectivite/:kind/:code/declaration': '/admin/collectivite/departement/01/declaration',
  '/admin/collectivite/:kind/:code/contestation': '/admin/collectivite/departement/01/contestation',
  '/admin/collectivite/:kind/:code/initiative': '/admin/collectivite/departement/01/initiative',
  '/admin/comptes/:id': '/admin/comptes/1',
  // The world's first proposal (the Ain's APA), in a fresh database.
  '/admin/revue/evaluations/:id': '/admin/revue/evaluations/1',
  '/enquetes/:slug': '/enquetes/maturite-2026',
  '/enquetes/:slug/reponses.csv': '/enquetes/maturite-2026/reponses.csv',
  '/enquetes/:slug/reponses.xlsx': '/enquetes/maturite-2026/reponses.xlsx',
  '/enquete/:token': '/enquete/lien-inconnu-xxxxxxxxxxxxxxxxxxxx',
  '/enquete/:token/envoi': '/enquete/lien-inconnu-xxxxxxxxxxxxxxxxxxxx/envoi',
  '/enquete/:token/:page': '/enquete/lien-inconnu-xxxxxxxxxxxxxxxxxxxx/profil',
  // The campaign beforeAll creates; recipient 1 does not exist (an allowed post is then a 404).
  '/admin/enquetes/:slug': '/admin/enquetes/maturite-2026',
  '/admin/enquetes/:slug/destinataires': '/admin/enquetes/maturite-2026/destinataires',
  '/admin/collectivite/:kind/:code/enquetes/:recipient': '/admin/collectivite/departement/01/enquetes/1',
};

/** Sample paths that need the world's ids, set once it exists. */
function addWorldSamples(world: WebWorld, editionId: number, initiativeId: number): void {
  SAMPLE_PATHS['/admin/collectivite/:kind/:code/initiatives/:id'] =
    `/admin/collectivite/departement/01/initiatives/${initiativeId}`;
  for (const suffix of ['', '/moderation', '/domaines'])
    SAMPLE_PATHS[`/admin/initiatives/:id${suffix}`] = `/admin/initiatives/${initiativeId}${suffix}`;
  SAMPLE_PATHS['/admin/double-revue/:edition/:authority/:service'] =
    `/admin/double-revue/${editionId}/${world.ids.ain}/${world.services.apa}`;
  SAMPLE_PATHS['/admin/arbitrage/:id'] = '/admin/arbitrage/1';
  SAMPLE_PATHS['/admin/contestations/:id'] = '/admin/contestations/1';
  SAMPLE_PATHS['/admin/revue/evaluations/:id/confirmer'] = '/admin/revue/evaluations/1/confirmer';
  SAMPLE_PATHS['/admin/revue/evaluations/:id/corriger'] = '/admin/revue/evaluations/1/corriger';
}
const samplePath = (path: string) => SAMPLE_PATHS[path] ?? path;

describe.each(TEST_ENGINES)('route-table authorisation (%s)', (engine) => {
  let world: WebWorld;
  let users: Awaited<ReturnType<typeof createRoleUsers>>;
  const clients = new Map<string, WebClient>();

  beforeAll(async () => {
    world = await createWebWorld(engine);
    users = await createRoleUsers(world.db, world.ids.ain);
    // A first review by a third analyst, so that the blind-review page has something to show.
    const edition = await world.db
      .selectFrom('editions')
      .select('id')
      .where('year', '=', 2026)
      .executeTakeFirstOrThrow();
    await confirmAssessment(world.db, { assessmentId: 1, reviewer: 'tiers@barometre.test' }, new Date());
    await createCampaign(world.db, SAMPLE_CAMPAIGN, new Date());
    // An initiative of the Ain waiting for moderation, for the pages that show one.
    const initiativeId = await insertInitiative(
      world.db,
      {
        authorityId: world.ids.ain,
        title: 'Wifi public',
        description: 'Bornes wifi dans les collèges.',
        year: 2026,
        url: null,
        progress: 'completed',
        contact: null,
        source: 'submission',
        submittedBy: 'dgs@ain.test',
      },
      new Date(),
    );
    addWorldSamples(world, edition.id, initiativeId);
    for (const user of Object.values(users)) {
      const client = webClient(world.app);
      expect((await client.signIn(user.email, TEST_PASSWORD)).status).toBe(303);
      clients.set(user.email, client);
    }
  });
  afterAll(() => world?.close());

  const routes = () =>
    world.app.routes
      .filter((route) => route.method !== 'ALL')
      .map((route) => ({ method: route.method, path: route.path, key: `${route.method} ${route.path}` }));
  const table = () => adminRouteTable({} as never, () => never());

  it('registers under /admin exactly the routes of the table, each once', () => {
    const registered = routes()
      .filter((route) => route.path === '/admin' || route.path.startsWith('/admin/'))
      .map((route) => route.key);
    const declared = table().map((route) => `${route.method} ${route.path}`);
    expect(registered.sort()).toEqual([...new Set(declared)].sort());
    expect(declared.length).toBeGreaterThanOrEqual(3);
  });

  it('sends the public from every back-office route to the sign-in page, and back after', async () => {
    for (const route of table().filter((r) => r.method === 'GET')) {
      const path = samplePath(route.path);
      expect(path, 'a parameterised route needs a sample path').not.toContain(':');
      const response = await webClient(world.app).get(path);
      expect(response.status, path).toBe(303);
      expect(response.headers.get('location'), path).toBe(`/connexion?retour=${encodeURIComponent(path)}`);
    }
  });

  it('lets each role in where its rule allows, and answers 403 where it refuses', async () => {
    const seen = { allowed: 0, refused: 0 };
    for (const route of table().filter((r) => r.method === 'GET')) {
      for (const user of Object.values(users) as SignedInUser[]) {
        const response = await clients.get(user.email)?.get(samplePath(route.path));
        const allowed = route.rule(user);
        expect(response?.status, `${user.role} ${route.path}`).toBe(allowed ? 200 : 403);
        if (!allowed) expect(await response?.text()).toContain('Accès refusé');
        seen[allowed ? 'allowed' : 'refused'] += 1;
      }
    }
    // The table has both kinds, so both branches were really exercised.
    expect(seen.allowed).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });

  it('refuses each back-office form to the roles its rule refuses, even with a valid CSRF token', async () => {
    const forms = table().filter((r) => r.method === 'POST');
    expect(forms.length).toBeGreaterThan(0);
    for (const route of forms) {
      for (const user of Object.values(users) as SignedInUser[]) {
        const client = clients.get(user.email) as WebClient;
        await client.get('/admin');
        // An empty form: refused roles must be stopped before it is read, allowed ones get its errors.
        const response = await client.post(samplePath(route.path), {});
        const key = `${user.role} POST ${route.path}`;
        if (route.rule(user)) {
          expect(response.status, key).not.toBe(403);
          expect(response.status, key).toBeLessThan(500);
        } else expect(response.status, key).toBe(403);
      }
    }
  });

  it('refuses every state-changing route without a CSRF token, signed in or not', async () => {
    const mutating = routes().filter((route) => !['GET', 'HEAD', 'OPTIONS'].includes(route.method));
    expect(mutating.length).toBeGreaterThan(0);
    for (const route of mutating) {
      expect(PUBLIC_FORMS.has(route.key) || table().some((r) => `${r.method} ${r.path}` === route.key)).toBe(
        true,
      );
      for (const client of [webClient(world.app), clients.get(users.admin.email) as WebClient]) {
        await client.get('/connexion');
        const missing = await client.post(route.path, { _csrf: null });
        expect(missing.status, route.key).toBe(403);
        const wrong = await client.post(route.path, { _csrf: 'x'.repeat(43) });
        expect(wrong.status, route.key).toBe(403);
      }
    }
  });

  it('keeps every other page public', async () => {
    const open = routes().filter(
      (route) => route.method === 'GET' && !(route.path === '/admin' || route.path.startsWith('/admin/')),
    );
    expect(open.length).toBeGreaterThan(8);
    for (const route of open) {
      const path = samplePath(route.path);
      expect(path, 'a parameterised route needs a sample path').not.toContain(':');
      const response = await webClient(world.app).get(path);
      expect([401, 403], path).not.toContain(response.status);
      expect(response.headers.get('location') ?? '', path).not.toContain('/connexion');
    }
  });
});

function never(): never {
  throw new Error('the route table is read, its handlers are not run here');
}
