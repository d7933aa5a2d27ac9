/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContest } from '../../src/assessments/contests.service.ts';
import { confirmAssessment, submitBlindReview } from '../../src/assessments/review.service.ts';
import { type BrowsedApp, browseApp, seriousViolations } from '../support/browser.ts';
import { T0 } from '../support/review-world.ts';
import { createRoleUsers, TEST_PASSWORD } from '../support/web-client.ts';
import { createWebWorld, realStylesheet, type WebWorld } from '../support/web-world.ts';

/**
 * The analyst's journey in Debian's Chromium, without JavaScript: sign in, open the review queue,
 * filter it, confirm two proposals from the keyboard, correct one, and find the changes in the
 * service's history and, as an administrator, in the audit log. Then axe-core finds no serious or
 * critical violation on each review page type, with and without errors. Screenshots go to SCREENSHOT_DIR.
 */
describe('review screens in a browser', () => {
  let world: WebWorld;
  let site: BrowsedApp;
  let blindPath = '';

  beforeAll(async () => {
    world = await createWebWorld('sqlite', { stylesheet: await realStylesheet() });
    await createRoleUsers(world.db, world.ids.ain);
    // Another authority with a first review by a third analyst (for the blind page), a
    // disagreement to arbitrate and an open contest.
    const editionId = (await world.db.selectFrom('editions').select('id').executeTakeFirstOrThrow()).id;
    const other = await world.authority();
    const apa = await world.propose({
      editionId,
      authorityId: other,
      service: 'apa',
      level: 2,
      confidence: 0.45,
    });
    await confirmAssessment(world.db, { assessmentId: apa.id, reviewer: 'tiers@barometre.test' }, T0);
    blindPath = `/admin/double-revue/${editionId}/${other}/${world.services.apa}`;
    const rsa = await world.propose({ editionId, authorityId: other, service: 'rsa', level: 1 });
    await confirmAssessment(
      world.db,
      { assessmentId: rsa.id, reviewer: 'tiers@barometre.test', comment: 'Page d’information' },
      T0,
    );
    await submitBlindReview(
      world.db,
      {
        editionId,
        authorityId: other,
        serviceId: world.services.rsa,
        reviewer: 'autre@barometre.test',
        level: 3,
        comment: 'Demande en ligne',
      },
      T0,
    );
    const fsl = await world.propose({
      editionId,
      authorityId: other,
      service: 'fsl',
      level: 0,
      confidence: null,
    });
    await createContest(
      world.db,
      {
        assessmentId: fsl.id,
        justification: 'Le formulaire FSL est téléchargeable depuis mars.',
        contact: 'dgs@exemple.fr',
        requestedLevel: 2,
      },
      T0,
    );
    site = await browseApp(world.app);
  });

  afterAll(async () => {
    await site?.close();
    await world?.close();
  });

  async function signIn(page: Page, email: string) {
    await page.goto(`${site.base}/connexion`);
    await page.fill('#email', email);
    await page.fill('#password', TEST_PASSWORD);
    await page.click('button:has-text("Se connecter")');
    await page.waitForURL(/\/admin$/);
  }

  it('an analyst filters the queue, confirms two proposals from the keyboard, corrects one and finds it logged', async () => {
    const { page, cspViolations, close } = await site.open('/', { javaScriptEnabled: false });
    try {
      await signIn(page, 'analyste@barometre.test');
      await page.click('main >> text=File de revue des propositions du robot');
      await page.waitForURL(/\/admin\/revue$/);
      expect(await page.locator('input[name=evaluation]').count()).toBe(4);

      await page.selectOption('#theme', 'solidarites');
      await page.fill('#collectivite', '01');
      await page.click('button:has-text("Filtrer")');
      await page.waitForURL(/theme=solidarites/);
      expect(await page.locator('input[name=evaluation]').count()).toBe(2);
      await site.screenshot(page, 'revue-file');

      // Keyboard only: space ticks each checkbox, Enter on the button sends them together.
      for (const box of await page.locator('input[name=evaluation]').all()) {
        await box.focus();
        await page.keyboard.press('Space');
      }
      await page.locator('button:has-text("Confirmer la sélection")').focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/confirmees=2/);
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
        '2 propositions confirmées',
      );
      expect(await page.locator('input[name=evaluation]').count()).toBe(0);
      await site.screenshot(page, 'revue-confirmees');

      await page.goto(`${site.base}/admin/revue`);
      await page.click('main a:has-text("Revenu de solidarité active")');
      await page.waitForURL(/\/admin\/revue\/evaluations\/\d+$/);
      await page.check('#niveau-3');
      await page.fill('#commentaire', 'La demande se fait en ligne depuis le portail');
      await page.fill('#url', 'https://www.ain.fr/rsa/demande');
      await page.click('button:has-text("Enregistrer la correction")');
      await page.waitForURL(/\/admin\/revue\/evaluations\/\d+$/);
      const history = await page.locator('table').last().textContent();
      expect(history).toContain('Corrigée');
      expect(history).toContain('analyste@barometre.test');
      await site.screenshot(page, 'revue-correction');

      // The audit log is the administrators' (docs/access-control.md): the analyst is refused it.
      const refused = await page.goto(`${site.base}/admin/journal`);
      expect(refused?.status()).toBe(403);
      expect(cspViolations).toEqual([]);
    } finally {
      await close();
    }

    const { page: adminPage, close: closeAdmin } = await site.open('/', { javaScriptEnabled: false });
    try {
      await signIn(adminPage, 'admin@barometre.test');
      await adminPage.click('main >> text=Journal d’audit');
      const journal = await adminPage.locator('tbody').textContent();
      expect(journal).toContain('review_corrected');
      expect(journal).toContain('review_confirmed');
      expect(journal).toContain('analyste@barometre.test');
      await site.screenshot(adminPage, 'revue-journal');
    } finally {
      await closeAdmin();
    }
  });

  it('has no serious or critical axe violation on each review page, with errors', async () => {
    const { page, close } = await site.open('/');
    try {
      await signIn(page, 'admin@barometre.test');
      const check = async (name: string) => {
        const { serious, passes } = await seriousViolations(page);
        expect(serious, name).toEqual([]);
        expect(passes, name).toBeGreaterThan(10);
        await site.screenshot(page, `axe-${name}`);
      };
      await page.goto(`${site.base}/admin/revue`);
      await check('revue-file');
      await page.click('button:has-text("Confirmer la sélection")');
      await page.waitForSelector('.govuk-error-summary');
      await check('revue-file-erreur');
      await page.click('main table >> a.govuk-link >> nth=0');
      await page.waitForURL(/evaluations/);
      await check('revue-evaluation');
      await page.click('button:has-text("Enregistrer la correction")');
      await page.waitForSelector('.govuk-error-summary');
      await check('revue-evaluation-erreur');
      await page.goto(`${site.base}/admin/revue/ajout`);
      await check('revue-ajout');
      await page.click('button:has-text("Ajouter le service")');
      await page.waitForSelector('.govuk-error-summary');
      await check('revue-ajout-erreur');
      await page.goto(`${site.base}/admin/double-revue`);
      await check('double-revue');
      await page.goto(`${site.base}${blindPath}`);
      expect(await page.textContent('h1')).toContain('Allocation personnalisée d’autonomie');
      await check('double-revue-aveugle');
      await page.goto(`${site.base}/admin/arbitrage`);
      await check('arbitrage');
      await page.click('button:has-text("Arbitrer")');
      await page.waitForSelector('.govuk-error-summary');
      await check('arbitrage-erreur');
      await page.goto(`${site.base}/admin/contestations`);
      expect(await page.locator('main').textContent()).toContain('Le formulaire FSL est téléchargeable');
      await check('contestations');
      await page.click('button:has-text("Enregistrer la décision")');
      await page.waitForSelector('.govuk-error-summary');
      await check('contestations-erreur');
    } finally {
      await close();
    }
  });
});
