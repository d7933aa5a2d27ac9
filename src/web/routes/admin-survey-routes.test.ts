import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../../test/support/databases.ts';
import {
  createSurveyAdminWorld,
  type SurveyAdminWorld,
  uploadFile,
} from '../../../test/support/survey-admin-world.ts';
import { linkIn } from '../../../test/support/surveys.ts';
import { TEST_PASSWORD, type WebClient, webClient } from '../../../test/support/web-client.ts';
import { problemLine } from './admin-survey-routes.ts';

/**
 * The survey back office over the real app and database: an administrator creates a campaign
 * from a template, imports recipients (all or nothing, with located errors), sends invitations
 * (refused with a clear message without BAROMETRE_PUBLIC_URL); the Ain's representative sees
 * the Ain's invitations only, and opens one with a fresh link to the same response.
 */
describe.each(TEST_ENGINES)('survey back office (%s)', (engine) => {
  let world: SurveyAdminWorld;
  let admin: WebClient;
  let representative: WebClient;
  const campaignPath = '/admin/enquetes/maturite-2026';
  const ainSpace = '/admin/collectivite/departement/01';

  const signedIn = async (app: SurveyAdminWorld['app'], email: string) => {
    const client = webClient(app);
    expect((await client.signIn(email, TEST_PASSWORD)).status).toBe(303);
    return client;
  };
  const auditActions = async () =>
    (
      await world.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor'])
        .where('entity', 'in', ['survey_campaign', 'survey_recipient'])
        .orderBy('id')
        .execute()
    ).map((row) => `${row.action} ${row.actor}`);

  beforeAll(async () => {
    world = await createSurveyAdminWorld(engine);
    admin = await signedIn(world.app, 'admin@barometre.test');
    representative = await signedIn(world.app, 'dgs@ain.test');
  });
  afterAll(() => world?.close());

  it('creates a campaign from a built-in template, with each field checked', async () => {
    const form = await admin.get('/admin/enquetes/nouvelle');
    expect(await form.text()).toMatch(/maturite-numerique, édition 2026/);
    const refused = await admin.post('/admin/enquetes/nouvelle', {
      identifiant: 'Maturité 2026',
      modele: 'inconnu/1',
      cloture: '31/12/2026',
    });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toMatch(/<title>Erreur : Créer une enquête/);
    expect(html).toMatch(/href="#modele">Choisissez un questionnaire/);
    expect(html).toMatch(/href="#cloture">Saisissez la date de clôture/);
    const badSlug = await admin.post('/admin/enquetes/nouvelle', {
      identifiant: 'Maturité 2026',
      modele: 'maturite-numerique/2026',
      cloture: '2026-12-31',
    });
    expect(await badSlug.text()).toMatch(/href="#identifiant">identifiant « Maturité 2026 » invalide/);

    const created = await admin.post('/admin/enquetes/nouvelle', {
      identifiant: 'maturite-2026',
      modele: 'maturite-numerique/2026',
      cloture: '2026-12-31',
    });
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe(`${campaignPath}?fait=creee`);
    const list = await (await admin.get('/admin/enquetes')).text();
    expect(list).toMatch(/Maturité numérique des collectivités 2026|href="\/admin\/enquetes\/maturite-2026"/);
    expect(await auditActions()).toEqual(['survey_campaign_created admin@barometre.test']);
  });

  it('imports recipients from an uploaded CSV, all or nothing, each problem with its line', async () => {
    const importPath = `${campaignPath}/destinataires`;
    const bad = await uploadFile(world.app, admin, importPath, {
      field: 'fichier',
      name: 'destinataires.csv',
      text: 'Code;Courriel;Profil\n01053;maire@bourg.example;élu\n99999;x@y.example;agent\n01;pas-une-adresse;agent\n',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toMatch(/Import des destinataires annulé : 2 problème\(s\) dans destinataires\.csv/);
    expect(html).toMatch(/href="#fichier">Ligne 3, colonne « Code »/);
    expect(html).toMatch(/href="#fichier">Ligne 4, colonne « Courriel » : « pas-une-adresse »/);
    const count = () =>
      world.database.db
        .selectFrom('survey_recipients')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
    expect(Number((await count()).n)).toBe(0);

    const good = await uploadFile(
      world.app,
      admin,
      importPath,
      {
        field: 'fichier',
        name: 'destinataires.csv',
        text: 'Code;Courriel\n01053;maire@bourg.example\n01;dgs@ain.example\n',
      },
      { profil: 'agent' },
    );
    expect(good.status).toBe(303);
    expect(good.headers.get('location')).toBe(`${campaignPath}?fait=importes&ajoutes=2&presents=0`);
    expect(await (await admin.get(good.headers.get('location') ?? '')).text()).toMatch(
      /Destinataires importés\s: 2 ajouté\(s\), 0 déjà présent\(s\)/,
    );
    const missing = await uploadFile(world.app, admin, importPath, {
      field: 'autre',
      name: 'x.csv',
      text: '',
    });
    expect(await missing.text()).toMatch(/href="#fichier">Choisissez un fichier CSV/);
  });

  it('sends invitations only where BAROMETRE_PUBLIC_URL is set, and says so otherwise', async () => {
    const withoutUrl = await signedIn(world.appWithoutUrl, 'admin@barometre.test');
    expect(await (await withoutUrl.get(campaignPath)).text()).toMatch(
      /BAROMETRE_PUBLIC_URL n’est pas défini/,
    );
    const refused = await withoutUrl.post(campaignPath, { action: 'inviter' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toMatch(/BAROMETRE_PUBLIC_URL doit être défini.*aucun courriel envoyé/);
    expect(world.mails).toHaveLength(0);

    await admin.get(campaignPath);
    const sent = await admin.post(campaignPath, { action: 'inviter' });
    expect(sent.headers.get('location')).toBe(`${campaignPath}?fait=invitations&envoyes=2`);
    expect(await (await admin.get(sent.headers.get('location') ?? '')).text()).toMatch(
      /2 invitation\(s\) mise\(s\) en file d’envoi/,
    );
    // Sent by the server's queue, through a `mail-batch` job that records each delivery.
    await world.jobs.queue.drained();
    expect(await world.database.db.selectFrom('mail_deliveries').select('recipient').execute()).toHaveLength(
      2,
    );
    expect(world.mails.map((m) => m.to).sort()).toEqual(['dgs@ain.example', 'maire@bourg.example']);
    expect(linkIn(world.mails[0])).toBeTruthy();
    const status = await (await admin.get(campaignPath)).text();
    expect(status).toMatch(/Par région/);
    expect(status).toMatch(/Par taille/);
    // Each change is in the audit log with who made it; the refused sends and imports are not.
    expect(await auditActions()).toEqual([
      'survey_campaign_created admin@barometre.test',
      'survey_recipients_imported admin@barometre.test',
      'survey_invitations_sent admin@barometre.test',
    ]);
  });

  it('shows a representative its own authority’s invitations only, and opens one', async () => {
    const space = await (await representative.get(ainSpace)).text();
    expect(space).toMatch(/dgs@ain\.example/);
    expect(space).not.toMatch(/maire@bourg\.example/);
    expect(space).toMatch(/Pas commencée/);
    const recipients = await world.database.db
      .selectFrom('survey_recipients')
      .select(['id', 'email'])
      .orderBy('id')
      .execute();
    const ain = recipients.find((r) => r.email === 'dgs@ain.example')?.id;
    const bourg = recipients.find((r) => r.email === 'maire@bourg.example')?.id;

    // Bourg's recipient through the Ain's address: not found; through Bourg's address: refused.
    expect((await representative.post(`${ainSpace}/enquetes/${bourg}`, {})).status).toBe(404);
    expect(
      (await representative.post(`/admin/collectivite/commune/01053/enquetes/${bourg}`, {})).status,
    ).toBe(403);
    // An administrator sees where the Ain's answers stand but never answers in its name.
    expect(await (await admin.get(ainSpace)).text()).not.toMatch(/>Répondre</);
    expect((await admin.post(`${ainSpace}/enquetes/${ain}`, {})).status).toBe(403);

    await representative.get(ainSpace);
    const opened = await representative.post(`${ainSpace}/enquetes/${ain}`, {});
    expect(opened.status).toBe(303);
    const location = opened.headers.get('location') ?? '';
    expect(location).toMatch(/^\/enquete\/[A-Za-z0-9_-]{20,}$/);
    const start = await webClient(world.app).get(location);
    expect(start.status).toBe(200);
    expect(await start.text()).toMatch(/Ain/);
    expect(await auditActions()).toContain('survey_link_issued dgs@ain.test');
  });

  it('writes each refused line of a file as « Ligne n, colonne « c » : message »', () => {
    expect(problemLine({ line: 3, column: 'Code', message: 'inconnu' })).toBe(
      'Ligne 3, colonne « Code » : inconnu',
    );
    expect(problemLine({ line: 1, message: 'vide' })).toBe('Ligne 1 : vide');
    expect(problemLine({ message: 'vide' })).toBe('vide');
  });
});
