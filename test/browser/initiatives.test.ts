import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowsedApp, browseApp, seriousViolations, signInPage } from '../support/browser.ts';
import { createRoleUsers } from '../support/web-client.ts';
import { createWebWorld, realStylesheet, type WebWorld } from '../support/web-world.ts';

/**
 * An initiative's way in Debian's Chromium (the pages carry no script of their own): the Ain's
 * representative signals it (after a refused empty form), sees its automatic classification;
 * an analyst finds it in the moderation queue and publishes it; it then shows on /initiatives.
 * axe-core finds no serious or critical violation on the form, the confirmation, the queue and
 * the moderation page.
 */
describe('initiative submission and moderation in a browser', () => {
  let world: WebWorld;
  let browsed: BrowsedApp;

  async function signIn(email: string): Promise<Page> {
    const page = await signInPage(browsed, email);
    // A step that cannot happen fails in seconds, naming the step, rather than at the test's limit.
    page.setDefaultTimeout(20_000);
    return page;
  }

  async function look(page: Page, name: string): Promise<void> {
    await browsed.screenshot(page, name);
    expect((await seriousViolations(page)).serious, name).toEqual([]);
  }

  beforeAll(async () => {
    world = await createWebWorld('sqlite', { stylesheet: await realStylesheet() });
    await createRoleUsers(world.db, world.ids.ain);
    browsed = await browseApp(world.app);
  });
  afterAll(async () => {
    await browsed?.close();
    await world?.close();
  });

  it('goes from the representative’s form to the public registry through moderation', async () => {
    const representative = await signIn('dgs@ain.test');
    await representative.goto(`${browsed.base}/admin/collectivite/departement/01`);
    await representative.click('main >> text=Signaler une initiative numérique');
    await representative.waitForURL(/\/initiative$/);
    await look(representative, 'initiative-formulaire');

    await representative.click('button:has-text("Envoyer l’initiative")');
    expect(await representative.title()).toMatch(/^Erreur : /);
    expect(await representative.textContent('.govuk-error-summary')).toContain('Titre manquant');
    await look(representative, 'initiative-formulaire-erreurs');

    await representative.fill('#titre', 'Conseillers numériques en médiathèque');
    await representative.fill(
      '#description',
      'Ateliers d’initiation au numérique et accompagnement des démarches en ligne pour les seniors.',
    );
    await representative.fill('#annee', '2025');
    await representative.check('label:has-text("Accès et inclusion numérique")');
    await representative.click('button:has-text("Envoyer l’initiative")');
    await representative.waitForURL(/\/initiatives\/\d+\?fait=envoi$/);
    const confirmation = (await representative.textContent('main')) ?? '';
    expect(confirmation).toContain('en attente de modération');
    expect(confirmation).toContain('Mots décisifs');
    await look(representative, 'initiative-envoyee');

    const analyst = await signIn('analyste@barometre.test');
    await analyst.click('main >> text=Initiatives à modérer');
    await analyst.waitForURL(/\/admin\/initiatives$/);
    await look(analyst, 'initiatives-a-moderer');
    await analyst.click('main >> text=Conseillers numériques en médiathèque');
    await analyst.waitForURL(/\/admin\/initiatives\/\d+$/);
    expect(await analyst.textContent('main')).toContain('Accès et inclusion numérique');
    await look(analyst, 'initiative-moderation');
    await analyst.click('button:has-text("Publier l’initiative")');
    await analyst.waitForURL(/\/admin\/initiatives\?fait=publiee$/);

    const { page: registry, close } = await browsed.open('/initiatives');
    expect(await registry.textContent('main')).toContain('Conseillers numériques en médiathèque');
    await close();
  });
});
