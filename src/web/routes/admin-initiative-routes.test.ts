import ExcelJS from 'exceljs';
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
import { listChanges } from '../../audit-log/audit-log.repository.ts';

/**
 * The initiatives' way from a representative's form to the public registry, over the real app
 * and database: submission checked field by field and classified at once, waiting unseen until
 * an analyst publishes it; rejection with a reason; domain override with history; every change
 * logged; hostile text shown escaped; forged posts refused.
 */
describe.each(TEST_ENGINES)('initiative submission and moderation (%s)', (engine) => {
  let world: WebWorld;
  let representative: WebClient;
  let other: WebClient;
  let analyst: WebClient;
  let otherSpace: string;
  const ainSpace = '/admin/collectivite/departement/01';

  /** Submits an initiative as the Ain's representative; its id, from the redirect. */
  async function submitAsAin(fields: Record<string, string>): Promise<number> {
    const response = await representative.submit(`${ainSpace}/initiative`, fields);
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^${ainSpace}/initiatives/\\d+\\?fait=envoi$`));
    return Number(/initiatives\/(\d+)/.exec(location)?.[1]);
  }

  beforeAll(async () => {
    world = await createWebWorld(engine);
    await createRoleUsers(world.db, world.ids.ain);
    const otherId = await world.authority();
    const { code } = await world.db
      .selectFrom('authorities')
      .select('code')
      .where('id', '=', otherId)
      .executeTakeFirstOrThrow();
    otherSpace = `/admin/collectivite/departement/${code}`;
    await createUser(
      world.db,
      {
        email: 'dgs@autre.test',
        name: 'B',
        role: 'authority',
        password: TEST_PASSWORD,
        authorityIds: [otherId],
      },
      'test',
      new Date(),
    );
    representative = webClient(world.app);
    other = webClient(world.app, '192.0.2.11');
    analyst = webClient(world.app, '192.0.2.12');
    expect((await representative.signIn('dgs@ain.test', TEST_PASSWORD)).status).toBe(303);
    expect((await other.signIn('dgs@autre.test', TEST_PASSWORD)).status).toBe(303);
    expect((await analyst.signIn('analyste@barometre.test', TEST_PASSWORD)).status).toBe(303);
  });
  afterAll(() => world?.close());

  it('refuses an incomplete form with one French message per field, storing nothing', async () => {
    const response = await representative.submit(`${ainSpace}/initiative`, {
      titre: '',
      description: '',
      annee: '1789',
      adresse: 'pas une adresse',
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('<title>Erreur : Signaler une initiative numérique — Baromètre</title>');
    expect(html).toContain('href="#titre">Titre manquant</a>');
    expect(html).toContain('href="#description">Description manquante</a>');
    expect(html).toMatch(/href="#annee">Année « 1789 » invalide/);
    expect(html).toMatch(/href="#adresse">Adresse invalide/);
    expect(html).toContain('value="pas une adresse"');
    expect(await world.db.selectFrom('initiatives').selectAll().execute()).toEqual([]);
  });

  it('stores a submission waiting for moderation and shows the representative its classification', async () => {
    const id = await submitAsAin({
      titre: 'Portail famille',
      description: 'Inscriptions à la cantine scolaire et au périscolaire en ligne, menus des écoles.',
      annee: '2026',
      adresse: 'https://www.ain.fr/famille',
      contact: 'Service jeunesse',
      domaines: 'e_administration',
    });
    const page = await representative.get(`${ainSpace}/initiatives/${id}?fait=envoi`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Initiative envoyée');
    expect(html).toContain('en attente de modération');
    expect(html).toContain('Éducation et périscolaire');
    expect(html).toMatch(/\d+&nbsp;%|\d+\u00a0%/);
    expect(html).toContain('Mots décisifs');
    expect(html).toContain('E-administration');
    expect(await (await webClient(world.app).get('/initiatives')).text()).not.toContain('Portail famille');
    const [logged] = await listChanges(world.db, { entity: 'initiative', entityId: String(id) });
    expect(logged).toMatchObject({ action: 'initiative_submitted', actor: 'dgs@ain.test' });
  });

  it('refuses representative A the initiative form and pages of authority B', async () => {
    expect((await other.get(`${ainSpace}/initiative`)).status).toBe(403);
    await other.get(otherSpace);
    const forged = await other.post(`${ainSpace}/initiative`, {
      titre: 'Intrusion',
      description: 'Au nom d’une autre collectivité.',
      annee: '2026',
    });
    expect(forged.status).toBe(403);
    const id = await submitAsAin({
      titre: 'Wifi public',
      description: 'Wifi dans les parcs.',
      annee: '2025',
    });
    expect((await other.get(`${ainSpace}/initiatives/${id}`)).status).toBe(403);
    // B's own address does not show A's initiative either.
    expect((await other.get(`${otherSpace}/initiatives/${id}`)).status).toBe(404);
    const titles = await world.db.selectFrom('initiatives').select('title').execute();
    expect(titles.map((t) => t.title)).not.toContain('Intrusion');
  });

  it('takes an initiative from submission to publication on /initiatives, logged at each step', async () => {
    const id = await submitAsAin({
      titre: 'Ateliers numériques pour les seniors',
      description: 'Des conseillers numériques animent des ateliers d’initiation au numérique.',
      annee: '2025',
    });
    const queue = await (await analyst.get('/admin/initiatives')).text();
    expect(queue).toContain(`href="/admin/initiatives/${id}"`);
    expect(queue).toContain('Accès et inclusion numérique');

    const overridden = await analyst.submit(
      `/admin/initiatives/${id}`,
      { domaines: 'social_sante', commentaire: 'Public âgé' },
      `/admin/initiatives/${id}/domaines`,
    );
    expect(overridden.status).toBe(303);
    const item = await (await analyst.get(`/admin/initiatives/${id}?fait=domaines`)).text();
    expect(item).toContain('Domaines corrigés');
    expect(item).toContain('Analyste (analyste@barometre.test)');
    expect(item).toContain('Classement automatique');
    expect(item).toContain('Public âgé');

    const published = await analyst.submit(
      `/admin/initiatives/${id}`,
      { decision: 'published' },
      `/admin/initiatives/${id}/moderation`,
    );
    expect(published.status).toBe(303);
    expect(published.headers.get('location')).toBe('/admin/initiatives?fait=publiee');
    const registry = await (await webClient(world.app).get('/initiatives')).text();
    expect(registry).toContain('Ateliers numériques pour les seniors');

    const again = await analyst.submit(
      `/admin/initiatives/${id}`,
      { decision: 'rejected', raison: 'Trop tard' },
      `/admin/initiatives/${id}/moderation`,
    );
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('déjà publiée : sa modération est close');
    const actions = (await listChanges(world.db, { entity: 'initiative', entityId: String(id) })).map(
      (change) => change.action,
    );
    expect(actions.reverse()).toEqual([
      'initiative_submitted',
      'initiative_domains_overridden',
      'initiative_published',
    ]);
  });

  it('requires a reason to reject, and shows it to the representative', async () => {
    const id = await submitAsAin({
      titre: 'Doublon',
      description: 'Site internet de la ville.',
      annee: '2024',
    });
    const silent = await analyst.submit(
      `/admin/initiatives/${id}`,
      { decision: 'rejected', raison: ' ' },
      `/admin/initiatives/${id}/moderation`,
    );
    expect(silent.status).toBe(400);
    expect(await silent.text()).toContain('href="#raison">Motivez le refus');
    const rejected = await analyst.submit(
      `/admin/initiatives/${id}`,
      { decision: 'rejected', raison: 'Déjà signalée' },
      `/admin/initiatives/${id}/moderation`,
    );
    expect(rejected.status).toBe(303);
    const seen = await (await representative.get(`${ainSpace}/initiatives/${id}`)).text();
    expect(seen).toContain('refusée');
    expect(seen).toContain('Déjà signalée');
  });

  it('shows hostile text escaped on the moderation pages', async () => {
    const script = '<script>alert(1)</script>';
    const id = await submitAsAin({
      titre: `Titre ${script}`,
      description: `Description ${script}`,
      annee: '2026',
    });
    const failed = await analyst.submit(
      `/admin/initiatives/${id}`,
      { domaines: 'culture_patrimoine', commentaire: `Motif ${script}` },
      `/admin/initiatives/${id}/domaines`,
    );
    expect(failed.status, await failed.text()).toBe(303);
    const queue = await (await analyst.get('/admin/initiatives')).text();
    expect(queue).not.toContain('<script>');
    expect(queue).toContain('Titre &lt;script&gt;alert(1)&lt;/script&gt;');
    await analyst.submit(
      `/admin/initiatives/${id}`,
      { decision: 'rejected', raison: `Raison ${script}` },
      `/admin/initiatives/${id}/moderation`,
    );
    const item = await (await analyst.get(`/admin/initiatives/${id}`)).text();
    expect(item).not.toContain('<script>');
    expect(item).toContain('Description &lt;script&gt;');
    expect(item).toContain('Raison &lt;script&gt;');
    expect(item).toContain('Motif &lt;script&gt;');
  });

  it('refuses moderation and submission posts without the session’s CSRF token', async () => {
    const id = await submitAsAin({ titre: 'Jeton', description: 'Application mobile.', annee: '2026' });
    for (const token of [null, 'x'.repeat(43)]) {
      const moderation = await analyst.post(`/admin/initiatives/${id}/moderation`, {
        _csrf: token,
        decision: 'published',
      });
      expect(moderation.status).toBe(403);
      const submission = await representative.post(`${ainSpace}/initiative`, {
        _csrf: token,
        titre: 'Forgée',
        description: 'x',
        annee: '2026',
      });
      expect(submission.status).toBe(403);
    }
    const detail = await (await analyst.get(`/admin/initiatives/${id}`)).text();
    expect(detail).toContain('en attente de modération');
    const titles = await world.db.selectFrom('initiatives').select('title').execute();
    expect(titles.map((t) => t.title)).not.toContain('Forgée');
  });

  it('exports the published registry as a typed XLSX workbook, linked from /initiatives', async () => {
    const page = await (await webClient(world.app).get('/initiatives')).text();
    expect(page).toContain('href="/initiatives.xlsx"');
    const response = await webClient(world.app).get('/initiatives.xlsx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['dictionnaire', 'initiatives']);
    const sheet = workbook.getWorksheet('initiatives');
    const header = sheet?.getRow(1).values as unknown[];
    expect(header.slice(1, 3)).toEqual(['Code', 'Catégorie']);
    const rows = (sheet?.getSheetValues() ?? []).slice(2) as unknown[][];
    const seniors = rows.find((row) => String(row[7]).startsWith('Ateliers numériques'));
    expect(seniors?.[1]).toBe('01');
    expect(seniors?.[9]).toBe(2025);
    expect(rows.some((row) => String(row[7]).startsWith('Portail famille'))).toBe(false);
  });
});
