/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFarmBackOffice, type FarmBackOffice } from '../support/back-office-farm.ts';
import { type BrowsedApp, browseApp, seriousViolations, signInPage } from '../support/browser.ts';
import { realStylesheet } from '../support/web-world.ts';

/**
 * Each back-office role's journey in Debian's Chromium over the fixture farm. The representative
 * of the first site's département sees its provisional scorecard, moves its website to an address
 * the farm does not serve, declares a missed service and contests an assessment. The
 * administrator then creates the next edition, crawls the farm (that site now fails), puts the
 * right address back and re-crawls it, computes, previews and publishes, and opens the accounts.
 * axe-core finds no serious or critical violation on any page type; screenshots go to SCREENSHOT_DIR.
 */
describe('back-office journeys in a browser', () => {
  let world: FarmBackOffice;
  let browsed: BrowsedApp;
  const checked: string[] = [];

  const signIn = (email: string) => signInPage(browsed, email);

  /** Screenshot and axe on the page as it stands. */
  async function look(page: Page, name: string): Promise<void> {
    await browsed.screenshot(page, name);
    const axe = await seriousViolations(page);
    expect(axe.serious, name).toEqual([]);
    checked.push(name);
  }

  /** The progress page reloads itself while the crawl runs; reload until it stops asking to. */
  async function waitForCrawl(page: Page): Promise<void> {
    for (let attempt = 0; attempt < 300; attempt++) {
      if ((await page.locator('meta[http-equiv="refresh"]').count()) === 0) return;
      await page.waitForTimeout(200);
      await page.reload();
    }
    throw new Error('the crawl did not finish');
  }

  beforeAll(async () => {
    world = await createFarmBackOffice('sqlite', {
      sites: 3,
      pagesPerSite: 12,
      stylesheet: await realStylesheet(),
    });
    // The set-up's edition 2026, crawled and computed: what the representative sees first.
    await world.services.editionAdmin.startCrawl({ year: 2026, actor: 'test@barometre.test' });
    for (let i = 0; i < 600 && (await world.services.editionAdmin.crawlState(2026)).running; i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await world.services.editionAdmin.compute(2026, 'test@barometre.test');
    browsed = await browseApp(world.app);
  }, 120_000);

  afterAll(async () => {
    await browsed?.close();
    await world?.close();
  });

  it('an authority representative sees the scorecard, fixes the website, declares a service and contests', async () => {
    const [own, other] = world.authorities;
    if (!own || !other) throw new Error('the farm needs two sites');
    const page = await signIn('dgs@ain.test');
    await page.click('main >> text=Espace collectivité');
    await page.waitForURL(/\/admin\/collectivite$/);
    await look(page, 'espace-liste');
    await page.click(`main >> text=${own.name}`);
    await page.waitForURL(/\/admin\/collectivite\/departement\//);
    expect(await page.textContent('main')).toContain('indice de numérisation');
    expect(await page.textContent('main')).toContain('en préparation');
    await look(page, 'espace-fiche');

    await page.click('text=Corriger l’adresse');
    await look(page, 'espace-site');
    await page.fill('#url', `${own.homeUrl}ancienne-adresse`);
    await page.click('button:has-text("Enregistrer l’adresse")');
    expect(await page.textContent('.govuk-notification-banner')).toContain('prochaine collecte');

    const missed = await world.db
      .selectFrom('current_assessments')
      .select('service_id')
      .where('authority_id', '=', own.id)
      .where('level', '=', 0)
      .executeTakeFirstOrThrow();
    await page.click('text=Déclarer un service que le robot n’a pas trouvé');
    await look(page, 'espace-declaration');
    await page.selectOption('#service', String(missed.service_id));
    await page.selectOption('#niveau', '3');
    await page.fill('#url', `${own.homeUrl}demarches/formulaire`);
    await page.click('button:has-text("Envoyer la déclaration")');
    expect(await page.textContent('.govuk-notification-banner')).toContain('Déclaration envoyée');
    expect(await page.textContent('main')).toContain('Votre déclaration, à revoir');

    await page.click('main table >> text=Contester >> nth=0');
    await look(page, 'espace-contestation');
    await page.click('button:has-text("Envoyer la contestation")');
    expect(await page.textContent('.govuk-error-summary')).toContain('Expliquez ce qui est inexact');
    await look(page, 'espace-contestation-erreur');
    await page.fill('#justification', 'Le formulaire est en ligne depuis mars : voir la page des démarches.');
    await page.click('button:has-text("Envoyer la contestation")');
    expect(await page.textContent('main')).toContain('En attente de décision');
    await look(page, 'espace-fiche-apres');

    const refused = await page.goto(`${browsed.base}/admin/collectivite/departement/${other.code}`);
    expect(refused?.status()).toBe(403);
    await page.context().close();
  });

  it('an administrator creates an edition, crawls, fixes a site, computes, previews and publishes', async () => {
    const [own] = world.authorities;
    if (!own) throw new Error('no site');
    const page = await signIn('admin@barometre.test');
    await page.click('main >> text=Éditions');
    await look(page, 'admin-editions');
    await page.fill('#annee', '2027');
    await page.selectOption('#referentiel', '2026.1');
    await page.click('button:has-text("Créer l’édition")');
    await page.waitForURL(/\/admin\/editions\/2027$/);
    await look(page, 'admin-edition');

    await page.click('button:has-text("Lancer la collecte de toutes les collectivités")');
    await page.waitForURL(/\/collecte$/);
    await browsed.screenshot(page, 'admin-collecte-en-cours');
    await waitForCrawl(page);
    const table = page.locator('table', { hasText: 'Erreurs par statut' });
    expect(await table.textContent()).toContain('page introuvable');
    await look(page, 'admin-collecte');

    await page.click('main table >> text=Corriger >> nth=0');
    await look(page, 'admin-site');
    await page.fill('#url', own.homeUrl);
    await page.click('button:has-text("Enregistrer et relancer")');
    await page.waitForURL(/\/collecte$/);
    await waitForCrawl(page);
    expect(await page.textContent('main')).toContain('1 sur 1');

    await page.goto(`${browsed.base}/admin/editions/2027/calcul`);
    await page.click('button:has-text("Calculer les indicateurs")');
    expect(await page.textContent('.govuk-notification-banner')).toContain(
      'Indicateurs calculés pour 3 collectivités',
    );
    await look(page, 'admin-calcul');

    await page.click('text=Voir l’aperçu des fiches et du classement');
    await look(page, 'admin-apercu');
    await page.click('main table a >> nth=0');
    expect(await page.textContent('main')).toContain('indice de numérisation');
    await look(page, 'admin-apercu-fiche');

    await page.goto(`${browsed.base}/admin/editions/2027/publication`);
    await look(page, 'admin-publication');
    await page.click('button:has-text("Publier l’édition")');
    expect(await page.textContent('.govuk-error-summary')).toContain('Cochez la case');
    await page.check('#confirmation');
    await page.click('button:has-text("Publier l’édition")');
    expect(await page.textContent('.govuk-notification-banner')).toContain('Édition 2027 publiée');
    await look(page, 'admin-publiee');

    await page.goto(`${browsed.base}/admin/comptes`);
    await look(page, 'admin-comptes');
    await page.click('text=Créer un compte');
    await look(page, 'admin-compte-nouveau');
    await page.goto(`${browsed.base}/admin/comptes/1`);
    await look(page, 'admin-compte');
    await page.goto(`${browsed.base}/admin/journal`);
    expect(await page.textContent('main')).toContain('edition_published');
    await page.context().close();
    expect(checked.length).toBeGreaterThanOrEqual(18);
  });
});
