import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../../test/support/databases.ts';
import { createRoleUsers, TEST_PASSWORD, webClient } from '../../../test/support/web-client.ts';
import { createWebWorld, type WebWorld } from '../../../test/support/web-world.ts';
import { createUser } from '../../accounts/users.service.ts';
import { SESSION_COOKIE } from '../session/session.ts';

/** Sign-in, sign-out and password reset over HTTP, and the attacks they must withstand. */
describe.each(TEST_ENGINES)('accounts over HTTP (%s)', (engine) => {
  let world: WebWorld;
  let users: Awaited<ReturnType<typeof createRoleUsers>>;
  beforeAll(async () => {
    world = await createWebWorld(engine);
    users = await createRoleUsers(world.db, world.ids.ain);
  });
  afterAll(() => world?.close());

  it('shows « Se connecter » to the public and sets an HttpOnly, SameSite=Lax form cookie', async () => {
    const response = await webClient(world.app).get('/connexion');
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('href="/connexion"');
    expect(html).toContain('autocomplete="current-password"');
    expect(html).not.toContain('<script');
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('barometre_csrf='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('signs in with a new HttpOnly session cookie, then shows the person and « Se déconnecter »', async () => {
    const client = webClient(world.app);
    const response = await client.signIn(users.analyst.email, TEST_PASSWORD);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin');
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    const home = await client.get('/admin');
    const html = await home.text();
    expect(home.headers.get('cache-control')).toBe('private, no-store');
    expect(html).toContain('Bruno Analyste');
    expect(html).toContain('analyste');
    expect(html).toContain('Se déconnecter');
    expect(html).not.toContain('href="/connexion"');
    // The analyst may not read the audit log: no link to it.
    expect(html).not.toContain('/admin/journal');
  });

  it('refuses wrong credentials and empty fields with an error summary, keeping the address', async () => {
    const client = webClient(world.app);
    const wrong = await client.submit('/connexion', {
      email: users.admin.email,
      password: 'mauvais mot de passe',
    });
    const html = await wrong.text();
    expect(wrong.status).toBe(401);
    expect(html).toContain('govuk-error-summary');
    expect(html).toContain('Adresse électronique ou mot de passe incorrect.');
    expect(html).toContain(`value="${users.admin.email}"`);
    expect(html).not.toContain('mauvais mot de passe');
    const empty = await client.submit('/connexion', { email: '', password: '' });
    const emptyHtml = await empty.text();
    expect(empty.status).toBe(400);
    expect(emptyHtml).toContain('href="#email"');
    expect(emptyHtml).toContain('href="#password"');
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('resists session fixation: a cookie set before sign-in is never the session after', async () => {
    const client = webClient(world.app);
    client.cookies.set(SESSION_COOKIE, 'planted-by-an-attacker-0123456789abcdefghijk');
    await client.signIn(users.admin.email, TEST_PASSWORD);
    const issued = client.cookies.get(SESSION_COOKIE);
    expect(issued).toBeDefined();
    expect(issued).not.toBe('planted-by-an-attacker-0123456789abcdefghijk');
    const planted = webClient(world.app);
    planted.cookies.set(SESSION_COOKIE, 'planted-by-an-attacker-0123456789abcdefghijk');
    expect((await planted.get('/admin')).status).toBe(303);
    // A real session the browser already had is ended by signing in again.
    const before = issued as string;
    await client.get('/admin');
    const again = await client.post('/connexion', { email: users.analyst.email, password: TEST_PASSWORD });
    expect(again.status).toBe(303);
    expect(client.cookies.get(SESSION_COOKIE)).not.toBe(before);
    const old = webClient(world.app);
    old.cookies.set(SESSION_COOKIE, before);
    expect((await old.get('/admin')).status).toBe(303);
  });

  it('refuses a form without its CSRF token, or with another session’s, with a French 403 page', async () => {
    const victim = webClient(world.app);
    await victim.signIn(users.analyst.email, TEST_PASSWORD);
    const attacker = webClient(world.app);
    await attacker.signIn(users.authority.email, TEST_PASSWORD);
    const attackerToken = /name="_csrf" value="([^"]+)"/.exec(
      await (await attacker.get('/admin')).text(),
    )?.[1];
    expect(attackerToken).toBeDefined();
    for (const token of [null, '', attackerToken as string]) {
      const response = await victim.post('/deconnexion', { _csrf: token });
      expect(response.status).toBe(403);
      const html = await response.text();
      expect(html).toContain('Accès refusé');
      expect(html).toContain('Le formulaire a expiré ou ne provient pas de ce site.');
    }
    // Still signed in: none of the forged posts did anything.
    expect((await victim.get('/admin')).status).toBe(200);
    // The public's sign-in form wants its double-submit cookie to match the field.
    const anonymous = webClient(world.app);
    await anonymous.get('/connexion');
    anonymous.cookies.set('barometre_csrf', 'y'.repeat(43));
    const forged = await anonymous.post('/connexion', { email: users.admin.email, password: TEST_PASSWORD });
    expect(forged.status).toBe(403);
    expect(anonymous.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('renders a name with markup escaped, in the header and on the back-office home', async () => {
    await createUser(
      world.db,
      {
        email: 'xss@barometre.test',
        name: '<script>alert(1)</script><img src=x onerror=alert(2)>',
        role: 'analyst',
        password: TEST_PASSWORD,
      },
      'test',
      new Date(),
    );
    const client = webClient(world.app);
    await client.signIn('xss@barometre.test', TEST_PASSWORD);
    for (const path of ['/admin', '/']) {
      const html = await (await client.get(path)).text();
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
      expect(html).not.toContain('<script>alert(1)');
      expect(html).not.toContain('<img src=x');
    }
  });

  it('signs out: the cookie is cleared and its token opens nothing any more', async () => {
    const client = webClient(world.app);
    await client.signIn(users.admin.email, TEST_PASSWORD);
    const token = client.cookies.get(SESSION_COOKIE) as string;
    await client.get('/admin');
    const response = await client.post('/deconnexion', {});
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
    const replay = webClient(world.app);
    replay.cookies.set(SESSION_COOKIE, token);
    expect((await replay.get('/admin')).status).toBe(303);
    expect(await (await client.get('/')).text()).toContain('Se connecter');
  });

  it('brings the person back to the page they asked for, never to another site', async () => {
    const client = webClient(world.app);
    const asked = await client.get('/admin/journal');
    expect(asked.headers.get('location')).toBe('/connexion?retour=%2Fadmin%2Fjournal');
    await client.get(asked.headers.get('location') as string);
    const back = await client.post('/connexion', {
      email: users.admin.email,
      password: TEST_PASSWORD,
      retour: '/admin/journal',
    });
    expect(back.headers.get('location')).toBe('/admin/journal');
    const other = webClient(world.app);
    await other.get('/connexion?retour=//evil.example/');
    const away = await other.post('/connexion', {
      email: users.admin.email,
      password: TEST_PASSWORD,
      retour: '//evil.example/',
    });
    expect(away.headers.get('location')).toBe('/admin');
  });

  it('throttles a client after 20 failures in 15 minutes, whatever it claims in X-Forwarded-For', async () => {
    const noisy = webClient(world.app, '198.51.100.7');
    await noisy.get('/connexion');
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const failed = await noisy.post('/connexion', {
        email: `inconnu${attempt}@exemple.fr`,
        password: 'nimporte quoi',
      });
      expect(failed.status).toBe(401);
    }
    // Even the right password is refused from that address; the proxy header is not trusted here.
    const refused = await noisy.post(
      '/connexion',
      { email: users.admin.email, password: TEST_PASSWORD },
      { 'x-forwarded-for': '203.0.113.99' },
    );
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('Trop de tentatives de connexion depuis cette adresse');
    expect(noisy.cookies.has(SESSION_COOKIE)).toBe(false);
    // Another address is not affected.
    const other = webClient(world.app, '198.51.100.8');
    expect((await other.signIn(users.admin.email, TEST_PASSWORD)).status).toBe(303);
  });

  it('answers a reset request the same way whatever the address, and mails only real accounts', async () => {
    const mailsBefore = world.mails.length;
    const answers: string[] = [];
    for (const email of ['personne@exemple.fr', users.authority.email]) {
      const response = await webClient(world.app).submit('/compte/mot-de-passe-oublie', { email });
      expect(response.status).toBe(200);
      answers.push((await response.text()).replace(/name="_csrf" value="[^"]*"/, ''));
    }
    expect(answers[0]).toBe(answers[1]);
    expect(answers[0]).toContain('Si un compte actif existe pour cette adresse');
    expect(world.mails.length).toBe(mailsBefore + 1);
    expect(world.mails.at(-1)?.to).toBe(users.authority.email);
    const empty = await webClient(world.app).submit('/compte/mot-de-passe-oublie', { email: ' ' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Saisissez votre adresse électronique');
  });

  it('sets a new password from the e-mailed link, once', async () => {
    await webClient(world.app).submit('/compte/mot-de-passe-oublie', { email: users.authority.email });
    const link = /https?:\/\/\S+/.exec(world.mails.at(-1)?.text ?? '')?.[0] as string;
    const url = new URL(link);
    expect(url.pathname).toBe('/compte/mot-de-passe');
    const path = `${url.pathname}${url.search}`;
    const client = webClient(world.app);
    const mismatch = await client.submit(
      path,
      {
        jeton: url.searchParams.get('jeton'),
        password: 'un tout nouveau secret',
        confirmation: 'autre chose encore',
      },
      '/compte/mot-de-passe',
    );
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('Les deux mots de passe ne sont pas identiques');
    const weak = await client.post('/compte/mot-de-passe', {
      jeton: url.searchParams.get('jeton'),
      password: 'court',
      confirmation: 'court',
    });
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain('Mot de passe refusé');
    const done = await client.post('/compte/mot-de-passe', {
      jeton: url.searchParams.get('jeton'),
      password: 'un tout nouveau secret',
      confirmation: 'un tout nouveau secret',
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/connexion?reinitialise');
    expect(await (await client.get('/connexion?reinitialise')).text()).toContain(
      'Votre mot de passe est enregistré',
    );
    expect(
      (await client.post('/connexion', { email: users.authority.email, password: 'un tout nouveau secret' }))
        .status,
    ).toBe(303);
    const again = await webClient(world.app).submit(
      path,
      {
        jeton: url.searchParams.get('jeton'),
        password: 'encore un autre secret',
        confirmation: 'encore un autre secret',
      },
      '/compte/mot-de-passe',
    );
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('Lien de réinitialisation invalide, déjà utilisé ou expiré');
    const incomplete = await webClient(world.app).get('/compte/mot-de-passe');
    expect(incomplete.status).toBe(400);
    expect(await incomplete.text()).toContain('Ce lien est incomplet');
  });
});
