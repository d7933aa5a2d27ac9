import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../../test/support/databases.ts';
import { postRepeated } from '../../../test/support/review-client.ts';
import {
  createRoleUsers,
  TEST_PASSWORD,
  type WebClient,
  webClient,
} from '../../../test/support/web-client.ts';
import { createWebWorld, type WebWorld } from '../../../test/support/web-world.ts';
import { createUser } from '../../accounts/users.service.ts';
import { listChanges } from '../../audit-log/audit-log.repository.ts';
import { computeEditionIndicators } from '../../indicators/indicators.service.ts';

/**
 * The review screens over HTTP on a real database: the queue's filters and paging, bulk and
 * single confirmation, correction, a missed service, blind double review, arbitration and a
 * contest decision, each kept in the review chain and the audit log with the person's address.
 */
describe.each(TEST_ENGINES)('review screens over HTTP (%s)', (engine) => {
  let world: WebWorld;
  let analyst: WebClient;
  let admin: WebClient;
  let second: WebClient;
  let authority: WebClient;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    world = await createWebWorld(engine);
    const users = await createRoleUsers(world.db, world.ids.ain);
    await createUser(
      world.db,
      { email: 'second@barometre.test', name: 'Denis Second', role: 'analyst', password: TEST_PASSWORD },
      'test',
      new Date(),
    );
    const signIn = async (email: string) => {
      const client = webClient(world.app);
      expect((await client.signIn(email, TEST_PASSWORD)).status).toBe(303);
      return client;
    };
    analyst = await signIn(users.analyst.email);
    admin = await signIn(users.admin.email);
    second = await signIn('second@barometre.test');
    authority = await signIn(users.authority.email);
    const rows = await world.db
      .selectFrom('assessments')
      .select(['id', 'service_id'])
      .orderBy('id')
      .execute();
    for (const [name, id] of Object.entries(world.services)) {
      const row = rows.find((r) => r.service_id === id);
      if (row) ids[name] = row.id;
    }
  });
  afterAll(() => world?.close());

  const rowsIn = (html: string) => (html.match(/name="evaluation"/g) ?? []).length;

  it('lists the proposals with their evidence, and filters them by theme, band, level and authority', async () => {
    const all = await (await analyst.get('/admin/revue')).text();
    expect(all).toContain('File de revue — édition 2026');
    expect(rowsIn(all)).toBe(3);
    expect(all).toContain('href="https://www.ain.fr/apa"');
    expect(all).toContain('Allocation personnalisée d’autonomie');
    expect(rowsIn(await (await analyst.get('/admin/revue?theme=solidarites')).text())).toBe(2);
    expect(rowsIn(await (await analyst.get('/admin/revue?confiance=elevee')).text())).toBe(3);
    expect(rowsIn(await (await analyst.get('/admin/revue?confiance=faible')).text())).toBe(0);
    expect(rowsIn(await (await analyst.get('/admin/revue?niveau=2')).text())).toBe(1);
    expect(
      rowsIn(await (await analyst.get('/admin/revue?collectivite=01&categorie=departement')).text()),
    ).toBe(3);
    const unknown = await analyst.get('/admin/revue?collectivite=ZZ999');
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('ZZ999');
  });

  it('confirms in bulk, refuses an empty selection, and logs each confirmation', async () => {
    const empty = await postRepeated(
      world.app,
      analyst,
      '/admin/revue',
      '/admin/revue/confirmer?theme=solidarites',
      [],
    );
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Cochez au moins une proposition');

    const response = await postRepeated(
      world.app,
      analyst,
      '/admin/revue',
      '/admin/revue/confirmer?theme=solidarites',
      [
        ['evaluation', String(ids.apa)],
        ['evaluation', String(ids.fsl)],
      ],
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/revue?theme=solidarites&confirmees=2');
    const after = await (await analyst.get(response.headers.get('location') ?? '')).text();
    expect(after).toContain('2 propositions confirmées');
    expect(rowsIn(after)).toBe(0);
    const logged = await listChanges(world.db, { actor: 'analyste@barometre.test', limit: 10 });
    expect(logged.map((row) => row.action)).toEqual(['review_confirmed', 'review_confirmed']);

    // Confirming again what was just confirmed is refused with the reason, and changes nothing.
    const again = await postRepeated(world.app, analyst, '/admin/revue', '/admin/revue/confirmer', [
      ['evaluation', String(ids.apa)],
    ]);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('a été remplacée');
    expect(await listChanges(world.db, { actor: 'analyste@barometre.test', limit: 10 })).toHaveLength(2);
  });

  it('corrects a level with a justification and a page, and shows the history', async () => {
    const form = `/admin/revue/evaluations/${ids.rsa}`;
    const page = await (await analyst.get(form)).text();
    expect(page).toContain('Revenu de solidarité active');
    expect(page).toContain('Confirmer le niveau 2');

    const missing = await analyst.submit(form, { niveau: '', commentaire: ' ' }, `${form}/corriger`);
    expect(missing.status).toBe(400);
    const missingHtml = await missing.text();
    expect(missingHtml).toContain('Choisissez un niveau');
    expect(missingHtml).toContain('href="#commentaire"');

    const same = await analyst.submit(form, { niveau: '2', commentaire: 'pareil' }, `${form}/corriger`);
    expect(same.status).toBe(400);
    expect(await same.text()).toContain('est déjà au niveau 2');

    const done = await analyst.submit(
      form,
      { niveau: '3', commentaire: 'Demande en ligne', url: 'https://www.ain.fr/rsa-en-ligne' },
      `${form}/corriger`,
    );
    expect(done.status).toBe(303);
    const item = await (await analyst.get(done.headers.get('location') ?? '')).text();
    expect(item).toContain('Corrigée');
    expect(item).toContain('https://www.ain.fr/rsa-en-ligne');
    expect((await listChanges(world.db, { limit: 1 }))[0]).toMatchObject({
      action: 'review_corrected',
      actor: 'analyste@barometre.test',
    });
  });

  it('adds a service the crawler missed for another authority', async () => {
    const authorityId = await world.authority();
    const code = (
      await world.db
        .selectFrom('authorities')
        .select('code')
        .where('id', '=', authorityId)
        .executeTakeFirstOrThrow()
    ).code;
    const form = '/admin/revue/ajout?edition=2026';
    const invalid = await analyst.submit(
      form,
      { collectivite: code, service: 'apa', niveau: '3', url: 'ftp://x' },
      form,
    );
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('n’est pas une adresse web');
    const added = await analyst.submit(
      form,
      {
        collectivite: code,
        categorie: 'departement',
        service: 'apa',
        niveau: '3',
        url: 'https://www.example.fr/apa-oubliee',
      },
      form,
    );
    expect(added.status).toBe(303);
    expect(await (await analyst.get(added.headers.get('location') ?? '')).text()).toContain('Service ajouté');
  });

  it('runs a blind double review that hides the first review, then an arbitration by a third person', async () => {
    // The analyst confirmed the APA with a comment only they wrote; the second analyst must not see it.
    const list = await (await second.get('/admin/double-revue')).text();
    expect(list).toContain('κ de Cohen');
    const link = /href="(\/admin\/double-revue\/\d+\/\d+\/\d+)"/.exec(list)?.[1] ?? '';
    expect(link).not.toBe('');
    const blindPage = await (await second.get(link)).text();
    expect(blindPage).toContain('Proposition du robot');
    expect(blindPage).not.toContain('analyste@barometre.test');
    expect(blindPage).not.toContain('Demande en ligne');

    const own = await (await analyst.get('/admin/double-revue')).text();
    expect(own).not.toContain(link);

    const blind = await second.submit(link, { niveau: '1', commentaire: 'seulement une information' }, link);
    expect(blind.status).toBe(303);
    expect((await listChanges(world.db, { limit: 1 }))[0]).toMatchObject({
      action: 'blind_review_submitted',
      actor: 'second@barometre.test',
    });

    const arbitration = await (await admin.get('/admin/arbitrage')).text();
    expect(arbitration).toContain('désaccord à arbitrer');
    const action = /action="(\/admin\/arbitrage\/\d+)\?edition=2026"/.exec(arbitration)?.[1] ?? '';
    // One of the two analysts may not arbitrate their own disagreement.
    const byReviewer = await analyst.submit(
      '/admin/arbitrage',
      { niveau: '2', motif: 'moi' },
      `${action}?edition=2026`,
    );
    expect(byReviewer.status).toBe(409);
    expect(await byReviewer.text()).toContain('troisième analyste');
    const decided = await admin.submit(
      '/admin/arbitrage',
      { niveau: '2', motif: 'Formulaire à télécharger' },
      `${action}?edition=2026`,
    );
    expect(decided.status).toBe(303);
    expect(await (await admin.get('/admin/arbitrage')).text()).toContain('Arbitré par admin@barometre.test');
    expect((await listChanges(world.db, { limit: 1 }))[0]).toMatchObject({
      action: 'review_arbitrated',
      actor: 'admin@barometre.test',
    });
  });

  it('keeps the review screens from an authority representative', async () => {
    for (const path of [
      '/admin/revue',
      '/admin/double-revue',
      '/admin/arbitrage',
      '/admin/contestations',
      `/admin/revue/evaluations/${ids.rsa}`,
    ]) {
      expect((await authority.get(path)).status, path).toBe(403);
    }
    const before = await listChanges(world.db, { limit: 1000 });
    const forged = await postRepeated(world.app, authority, '/admin', '/admin/revue/confirmer', [
      ['evaluation', String(ids.rsa)],
    ]);
    expect(forged.status).toBe(403);
    expect(await listChanges(world.db, { limit: 1000 })).toEqual(before);
  });

  it('queues the edition’s indicators on the server’s queue after a correction, once they were computed', async () => {
    await computeEditionIndicators(world.db, { year: 2026 }, new Date());
    const current = await world.db
      .selectFrom('assessments')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('authority_id', '=', world.ids.ain)
      .where('service_id', '=', world.services.fsl)
      .executeTakeFirstOrThrow();
    const form = `/admin/revue/evaluations/${current.id}`;
    const done = await analyst.submit(
      form,
      { niveau: '1', commentaire: 'information seulement' },
      `${form}/corriger`,
    );
    expect(done.status).toBe(303);
    // Debounced by a minute, so that a burst of reviews costs one computation.
    const status = await world.jobs.queue.status(1);
    expect(status.kinds.find((k) => k.kind === 'authority-indicators')).toMatchObject({
      queued: 1,
      running: 0,
    });
  });
});
