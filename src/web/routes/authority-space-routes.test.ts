import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../../test/support/databases.ts';
import {
  createRoleUsers,
  TEST_PASSWORD,
  type WebClient,
  webClient,
} from '../../../test/support/web-client.ts';
import { createWebWorld, type WebWorld } from '../../../test/support/web-world.ts';
import { createUser } from '../../accounts/users.service.ts';

/**
 * The authority space over the real app and database: a representative sees and acts for their
 * own authority only. Representative A (the Ain) is refused everything of département B, read or
 * write, even when it names B's assessment through its own authority's address.
 */
describe.each(TEST_ENGINES)('authority space (%s)', (engine) => {
  let world: WebWorld;
  let a: WebClient;
  let b: WebClient;
  let admin: WebClient;
  let other: { id: number; code: string; assessmentId: number };
  let ainAssessments: { apa: number; fsl: number };
  const ainSpace = '/admin/collectivite/departement/01';
  const otherSpace = () => `/admin/collectivite/departement/${other.code}`;

  beforeAll(async () => {
    world = await createWebWorld(engine);
    await createRoleUsers(world.db, world.ids.ain);
    const id = await world.authority();
    const { code } = await world.db
      .selectFrom('authorities')
      .select('code')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const edition = await world.db
      .selectFrom('editions')
      .select('id')
      .where('year', '=', 2026)
      .executeTakeFirstOrThrow();
    const proposed = await world.propose({
      editionId: edition.id,
      authorityId: id,
      service: 'apa',
      level: 1,
    });
    other = { id, code, assessmentId: proposed.id };
    await createUser(
      world.db,
      {
        email: 'dgs@autre.test',
        name: 'Bernard Autre',
        role: 'authority',
        password: TEST_PASSWORD,
        authorityIds: [id],
      },
      'test',
      new Date(),
    );
    const rows = await world.db
      .selectFrom('current_assessments as c')
      .innerJoin('services as s', 's.id', 'c.service_id')
      .select(['c.id', 's.key'])
      .where('c.authority_id', '=', world.ids.ain)
      .execute();
    ainAssessments = {
      apa: rows.find((r) => r.key === 'apa')?.id ?? 0,
      fsl: rows.find((r) => r.key === 'fsl')?.id ?? 0,
    };
    a = webClient(world.app);
    b = webClient(world.app, '192.0.2.11');
    admin = webClient(world.app, '192.0.2.12');
    expect((await a.signIn('dgs@ain.test', TEST_PASSWORD)).status).toBe(303);
    expect((await b.signIn('dgs@autre.test', TEST_PASSWORD)).status).toBe(303);
    expect((await admin.signIn('admin@barometre.test', TEST_PASSWORD)).status).toBe(303);
  });
  afterAll(() => world?.close());

  it('lists the representative’s own authorities and shows its assessments before publication', async () => {
    const home = await (await a.get('/admin/collectivite')).text();
    expect(home).toContain(`href="${ainSpace}"`);
    expect(home).not.toContain(otherSpace());
    const space = await a.get(ainSpace);
    expect(space.status).toBe(200);
    const html = await space.text();
    expect(html).toContain('Allocation personnalisée d’autonomie');
    expect(html).toContain('en préparation');
  });

  it('refuses representative A every page and form of authority B, and B those of A', async () => {
    for (const suffix of ['', '/site', '/declaration', '/contestation']) {
      expect((await a.get(`${otherSpace()}${suffix}`)).status, suffix).toBe(403);
      expect((await b.get(`${ainSpace}${suffix}`)).status, suffix).toBe(403);
    }
    await a.get(ainSpace);
    expect((await a.post(`${otherSpace()}/site`, { url: 'https://pirate.example/' })).status).toBe(403);
    expect(
      (await a.post(`${otherSpace()}/declaration`, { service: '1', niveau: '3', url: 'https://x.fr/' }))
        .status,
    ).toBe(403);
    expect(
      (
        await a.post(`${otherSpace()}/contestation`, {
          evaluation: String(other.assessmentId),
          justification: 'x',
        })
      ).status,
    ).toBe(403);
    const website = await world.db
      .selectFrom('authority_websites')
      .select('url')
      .where('authority_id', '=', other.id)
      .execute();
    expect(website).toEqual([]);
    expect(await world.db.selectFrom('contests').selectAll().execute()).toEqual([]);
  });

  it('refuses to contest B’s assessment through A’s own address', async () => {
    await a.get(`${ainSpace}/contestation`);
    const response = await a.post(`${ainSpace}/contestation`, {
      evaluation: String(other.assessmentId),
      justification: 'Ce n’est pas notre service.',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('n’existe pas pour cette collectivité');
    expect(await world.db.selectFrom('contests').selectAll().execute()).toEqual([]);
  });

  it('lets the representative correct the website, logged, for the next crawl', async () => {
    const refused = await a.submit(`${ainSpace}/site`, { url: 'javascript:alert(1)' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Adresse refusée');
    const saved = await a.submit(`${ainSpace}/site`, { url: 'www.ain.fr/accueil' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${ainSpace}?fait=site`);
    const current = await world.db
      .selectFrom('authority_websites')
      .select(['url', 'source'])
      .where('authority_id', '=', world.ids.ain)
      .where('retired_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(current).toEqual({ url: 'https://www.ain.fr/accueil', source: 'authority' });
    const logged = await world.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'website_corrected')
      .executeTakeFirstOrThrow();
    expect(logged.actor).toBe('dgs@ain.test');
    expect(JSON.parse(logged.before ?? '{}')).toEqual({ url: 'https://www.ain.fr/' });
  });

  it('records a declared service pending review, and refuses one the crawler already found as high', async () => {
    const fsl = world.services.fsl;
    const refused = await a.submit(`${ainSpace}/declaration`, {
      service: String(world.services.apa),
      niveau: '3',
      url: 'https://www.ain.fr/apa',
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('rien de manqué à déclarer');
    const declared = await a.submit(`${ainSpace}/declaration`, {
      service: String(fsl),
      niveau: '3',
      url: 'https://www.ain.fr/fsl',
      commentaire: 'Formulaire en ligne depuis mars',
    });
    expect(declared.status).toBe(303);
    const current = await world.db
      .selectFrom('current_assessments')
      .select(['source', 'level', 'reviewer', 'evidence_url'])
      .where('authority_id', '=', world.ids.ain)
      .where('service_id', '=', fsl)
      .executeTakeFirstOrThrow();
    expect(current).toEqual({
      source: 'declared',
      level: 3,
      reviewer: null,
      evidence_url: 'https://www.ain.fr/fsl',
    });
    expect(await a.get(ainSpace).then((r) => r.text())).toContain('Votre déclaration, à revoir');
  });

  it('files a contest with its justification, logged and shown escaped', async () => {
    const justification = 'La démarche est en ligne <script>alert(1)</script>';
    const missing = await a.submit(`${ainSpace}/contestation?evaluation=${ainAssessments.apa}`, {
      evaluation: String(ainAssessments.apa),
      justification: '  ',
    });
    expect(missing.status).toBe(400);
    const filed = await a.submit(`${ainSpace}/contestation`, {
      evaluation: String(ainAssessments.apa),
      niveau: '4',
      justification,
    });
    expect(filed.status).toBe(303);
    const contest = await world.db.selectFrom('contests').selectAll().executeTakeFirstOrThrow();
    expect(contest).toMatchObject({
      assessment_id: ainAssessments.apa,
      requested_level: 4,
      status: 'open',
      contact: 'dgs@ain.test',
    });
    const html = await a.get(ainSpace).then((r) => r.text());
    expect(html).toContain('En attente de décision');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    const logged = await world.db
      .selectFrom('audit_log')
      .select('actor')
      .where('action', '=', 'contest_filed')
      .execute();
    expect(logged).toEqual([{ actor: 'dgs@ain.test' }]);
  });

  it('answers 404, not another authority, to an injection attempt in the address', async () => {
    for (const code of ["01' OR '1'='1", '01%27%20OR%201%3D1--', '01;DROP TABLE authorities']) {
      const response = await a.get(`/admin/collectivite/departement/${encodeURIComponent(code)}`);
      expect(response.status, code).toBe(404);
    }
    expect((await a.get(ainSpace)).status).toBe(200);
  });

  it('lets an administrator open any authority’s space, and refuses analysts', async () => {
    expect((await admin.get(otherSpace())).status).toBe(200);
    const analyst = webClient(world.app, '192.0.2.13');
    await analyst.signIn('analyste@barometre.test', TEST_PASSWORD);
    expect((await analyst.get(ainSpace)).status).toBe(403);
  });
});
