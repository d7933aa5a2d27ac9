import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../../test/support/databases.ts';
import {
  createRoleUsers,
  TEST_PASSWORD,
  type WebClient,
  webClient,
} from '../../../test/support/web-client.ts';
import { createWebWorld, type WebWorld } from '../../../test/support/web-world.ts';

/** Accounts from the web: an administrator creates, disables and sends reset links; all logged. */
describe.each(TEST_ENGINES)('account management (%s)', (engine) => {
  let world: WebWorld;
  let admin: WebClient;
  let newId = 0;

  beforeAll(async () => {
    world = await createWebWorld(engine);
    await createRoleUsers(world.db, world.ids.ain);
    admin = webClient(world.app);
    expect((await admin.signIn('admin@barometre.test', TEST_PASSWORD)).status).toBe(303);
  });
  afterAll(() => world?.close());

  const loggedActions = async () =>
    world.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('actor', '=', 'admin@barometre.test')
      .orderBy('id')
      .execute();

  it('lists the accounts with their role and authorities', async () => {
    const html = await (await admin.get('/admin/comptes')).text();
    expect(html).toContain('analyste@barometre.test');
    expect(html).toContain('représentant de collectivité');
    expect(html).toContain('Ain (01)');
  });

  it('refuses an incomplete or inconsistent form, naming each field', async () => {
    const empty = await admin.submit('/admin/comptes/nouveau', {
      nom: '',
      email: '',
      role: 'authority',
      type: 'departement',
      codes: '',
    });
    expect(empty.status).toBe(400);
    const html = await empty.text();
    expect(html).toContain('Saisissez le nom de la personne');
    expect(html).toContain('Donnez le type et le code');
    const unknown = await admin.submit('/admin/comptes/nouveau', {
      nom: 'Dora',
      email: 'dora@ain.test',
      role: 'authority',
      type: 'departement',
      codes: '01, 999',
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('999');
    const taken = await admin.submit('/admin/comptes/nouveau', {
      nom: 'Bis',
      email: 'analyste@barometre.test',
      role: 'analyst',
      type: 'departement',
      codes: '',
    });
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain('Un compte existe déjà');
  });

  it('creates a representative bound to an authority and mails a link to choose the password', async () => {
    const mailsBefore = world.mails.length;
    const created = await admin.submit('/admin/comptes/nouveau', {
      nom: 'Dora Dupont',
      email: 'Dora@Ain.test',
      role: 'authority',
      type: 'departement',
      codes: '01',
    });
    expect(created.status).toBe(303);
    const location = created.headers.get('location') ?? '';
    newId = Number(/\/admin\/comptes\/(\d+)\?fait=cree$/.exec(location)?.[1]);
    expect(newId).toBeGreaterThan(0);
    expect(await (await admin.get(location)).text()).toContain(
      'un lien pour choisir son mot de passe a été envoyé',
    );
    expect(world.mails.slice(mailsBefore).map((m) => m.to)).toEqual(['dora@ain.test']);
    const link =
      /https?:\/\/\S+\/compte\/mot-de-passe\?jeton=\S+/.exec(world.mails.at(-1)?.text ?? '')?.[0] ?? '';
    expect(link).not.toBe('');
    const dora = webClient(world.app, '192.0.2.50');
    const chosen = await dora.submit(new URL(link).pathname + new URL(link).search, {
      jeton: new URL(link).searchParams.get('jeton') ?? '',
      password: 'un mot de passe bien long',
      confirmation: 'un mot de passe bien long',
    });
    expect(chosen.status).toBeLessThan(400);
    expect((await dora.signIn('dora@ain.test', 'un mot de passe bien long')).status).toBe(303);
    expect((await dora.get('/admin/collectivite/departement/01')).status).toBe(200);
  });

  it('sends a reset link, then disables the account and ends its sessions', async () => {
    const mailsBefore = world.mails.length;
    const reset = await admin.submit(`/admin/comptes/${newId}`, { action: 'reinitialiser' });
    expect(reset.status).toBe(303);
    expect(world.mails.length).toBe(mailsBefore + 1);
    const disabled = await admin.submit(`/admin/comptes/${newId}`, { action: 'desactiver' });
    expect(disabled.status).toBe(303);
    expect(await (await admin.get(`/admin/comptes/${newId}`)).text()).toContain('Désactivé');
    const sessions = await world.db
      .selectFrom('sessions')
      .select('user_id')
      .where('user_id', '=', newId)
      .execute();
    expect(sessions).toEqual([]);
    expect(
      (await webClient(world.app, '192.0.2.51').signIn('dora@ain.test', 'un mot de passe bien long')).status,
    ).not.toBe(303);
    expect((await loggedActions()).map((row) => row.action)).toEqual([
      'user_created',
      'password_reset_sent',
      'user_disabled',
    ]);
  });

  it('does not let an administrator disable their own account', async () => {
    const self = await admin.post(`/admin/comptes/1`, { action: 'desactiver' });
    expect(self.status).toBe(409);
    expect(await self.text()).toContain('votre propre compte');
  });
});
