/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate } from '../../src/surveys/templates.ts';
import { type BrowsedApp, browseApp, seriousViolations, signInPage } from '../support/browser.ts';
import { createSurveyAdminWorld, type SurveyAdminWorld } from '../support/survey-admin-world.ts';
import { generatedResponse, seededRandom } from '../support/survey-answers.ts';
import { pageFormFields } from '../support/surveys.ts';
import { TEST_PASSWORD } from '../support/web-client.ts';
import { realStylesheet } from '../support/web-world.ts';

const questionnaire = loadTemplate('maturite-numerique', '2026').questionnaire;

/**
 * A survey run from the back office in Debian's Chromium: the administrator creates a campaign,
 * imports recipients (a faulty file first, refused line by line), sends the invitations; the
 * Ain's representative opens the Ain's invitation from the authority space, answers and sends;
 * the administrator then sees the response rate. axe-core finds no serious or critical violation
 * on any new page type; screenshots go to SCREENSHOT_DIR.
 */
describe('survey back office in a browser', () => {
  let world: SurveyAdminWorld;
  let browsed: BrowsedApp;

  const signIn = (email: string) => signInPage(browsed, email, TEST_PASSWORD);

  async function look(page: Page, name: string): Promise<void> {
    await browsed.screenshot(page, name);
    expect((await seriousViolations(page)).serious, name).toEqual([]);
  }

  const upload = async (page: Page, text: string) => {
    await page.setInputFiles('#fichier', {
      name: 'destinataires.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(text),
    });
    await page.click('button:has-text("Importer")');
  };

  beforeAll(async () => {
    world = await createSurveyAdminWorld('sqlite', await realStylesheet());
    // The real clock: the browser drops a session cookie whose expiry is already past.
    world.clock.now = new Date();
    browsed = await browseApp(world.app);
  }, 60_000);

  afterAll(async () => {
    await browsed?.close();
    await world?.close();
  });

  it('runs a campaign from the back office to an answer given through the authority space', async () => {
    const admin = await signIn('admin@barometre.test');
    await admin.click('main >> text=Enquêtes');
    await admin.waitForURL(/\/admin\/enquetes$/);
    await look(admin, 'enquetes-liste-vide');
    await admin.click('text=Créer une enquête');
    await admin.click('button:has-text("Créer l’enquête")');
    expect(await admin.title()).toMatch(/^Erreur : Créer une enquête/);
    await look(admin, 'enquete-creation-erreurs');
    await admin.fill('#identifiant', 'maturite-2026');
    await admin.selectOption('#modele', 'maturite-numerique/2026');
    await admin.fill('#cloture', '2026-12-31');
    await admin.click('button:has-text("Créer l’enquête")');
    await admin.waitForURL(/\/admin\/enquetes\/maturite-2026\?fait=creee$/);
    await look(admin, 'enquete-etat');

    await admin.click('text=Importer des destinataires');
    await look(admin, 'enquete-import');
    await upload(admin, 'Code;Courriel;Profil\n01;dgs@ain.example;agent\n99999;x@exemple.fr;martien\n');
    const summary = await admin.textContent('.govuk-error-summary');
    expect(summary).toMatch(/Ligne 3, colonne « Code »/);
    expect(summary).toMatch(/Ligne 3, colonne « Profil »/);
    await look(admin, 'enquete-import-erreurs');
    await upload(admin, 'Code;Courriel;Profil\n01;dgs@ain.example;agent\n01053;maire@bourg.example;élu\n');
    await admin.waitForURL(/fait=importes/);
    await admin.click('button:has-text("Inviter les destinataires pas encore invités")');
    await admin.waitForURL(/fait=invitations&envoyes=2/);
    await world.jobs.queue.drained();
    expect(world.mails).toHaveLength(2);

    const representative = await signIn('dgs@ain.test');
    await representative.goto(`${browsed.base}/admin/collectivite/departement/01`);
    const space = (await representative.textContent('main')) ?? '';
    expect(space).toContain('dgs@ain.example');
    expect(space).not.toContain('maire@bourg.example');
    await look(representative, 'espace-enquetes');
    await representative.click('button:has-text("Répondre")');
    await representative.waitForURL(/\/enquete\/[A-Za-z0-9_-]{20,}$/);
    const base = new URL(representative.url()).pathname;

    // Every page answered as a browser posts it (checkboxes repeat their name), with its token.
    const answers = generatedResponse(questionnaire, seededRandom(7));
    for (const page of questionnaire.pages) {
      await representative.goto(`${browsed.base}${base}/${page.name}`);
      const token = await representative.inputValue('input[name="_csrf"]');
      const body = new URLSearchParams([['_csrf', token], ...pageFormFields(page, answers[page.name] ?? {})]);
      const saved = await representative.request.post(`${browsed.base}${base}/${page.name}`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        data: body.toString(),
        maxRedirects: 0,
      });
      expect(saved.status(), page.name).toBe(303);
    }
    await representative.goto(`${browsed.base}/admin/collectivite/departement/01`);
    expect(await representative.textContent('main')).toContain('En cours');
    await representative.click('button:has-text("Reprendre le questionnaire")');
    await representative.goto(`${representative.url()}/envoi`);
    await representative.click('button:has-text("Envoyer mes réponses")');
    expect(await representative.textContent('main')).toMatch(/Merci/);
    await representative.goto(`${browsed.base}/admin/collectivite/departement/01`);
    expect(await representative.textContent('main')).toContain('Envoyée');

    await admin.goto(`${browsed.base}/admin/enquetes`);
    const rates = (await admin.textContent('main')) ?? '';
    expect(rates).toMatch(/50\s%/);
    await look(admin, 'enquetes-liste');
    await admin.goto(`${browsed.base}/admin/enquetes/maturite-2026`);
    expect(await admin.textContent('main')).toMatch(/Réponses envoyées\s*1/);
  }, 120_000);
});
