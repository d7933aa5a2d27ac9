/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchTestBrowser, seriousViolations, serveApp } from '../support/browser.ts';
import { createRoleUsers, TEST_PASSWORD } from '../support/web-client.ts';
import { createWebWorld, realStylesheet, type WebWorld } from '../support/web-world.ts';

/**
 * An administrator's journey in Debian's Chromium, without JavaScript: sign in, back-office home,
 * audit log, sign out. In a second context, axe-core finds no serious or critical violation on the sign-in page and the
 * back-office home. Screenshots go to SCREENSHOT_DIR.
 */
const SCREENSHOT_DIR = process.env.BAROMETRE_SCREENSHOT_DIR ?? '/tmp/barometre-screenshots';

describe('back office in a browser', () => {
  let world: WebWorld;
  let server: Awaited<ReturnType<typeof serveApp>>;
  let browser: Browser;

  beforeAll(async () => {
    world = await createWebWorld('sqlite', { stylesheet: await realStylesheet() });
    await createRoleUsers(world.db, world.ids.ain);
    server = await serveApp(world.app);
    browser = await launchTestBrowser();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await world?.close();
  });

  it('an administrator signs in, opens the audit log and signs out', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
    const page = await context.newPage();
    const shot = (name: string) =>
      page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
    try {
      await page.goto(`${server.base}/`);
      await page.click('header >> text=Se connecter');
      await page.waitForURL(/\/connexion$/);
      await shot('connexion');

      await page.click('button:has-text("Se connecter")');
      expect(await page.locator('.govuk-error-summary').textContent()).toContain(
        'Saisissez votre adresse électronique',
      );
      await shot('connexion-erreur');

      await page.fill('#email', 'admin@barometre.test');
      await page.fill('#password', TEST_PASSWORD);
      await page.click('button:has-text("Se connecter")');
      await page.waitForURL(/\/admin$/);
      expect(await page.textContent('h1')).toBe('Bonjour Alice Admin');
      expect(await page.locator('header').textContent()).toContain('Alice Admin');
      await shot('admin');

      await page.click('main >> text=Journal d’audit');
      await page.waitForURL(/\/admin\/journal$/);
      expect(await page.locator('tbody tr').count()).toBe(3);
      expect(await page.locator('tbody').textContent()).toContain('user_created');
      await shot('admin-journal');

      await page.click('button:has-text("Se déconnecter")');
      await page.waitForURL(`${server.base}/`);
      expect(await page.locator('header').textContent()).toContain('Se connecter');
      await page.goto(`${server.base}/admin`);
      expect(page.url()).toBe(`${server.base}/connexion?retour=%2Fadmin`);
    } finally {
      await context.close();
    }
  });

  // axe runs as a script: this context has JavaScript, the pages still have none of their own.
  it('has no serious or critical axe violation on the sign-in page, with errors, and the back office', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    try {
      await page.goto(`${server.base}/connexion`);
      expect((await seriousViolations(page)).serious).toEqual([]);
      await page.click('button:has-text("Se connecter")');
      await page.waitForSelector('.govuk-error-summary');
      expect((await seriousViolations(page)).serious).toEqual([]);
      await page.fill('#email', 'analyste@barometre.test');
      await page.fill('#password', TEST_PASSWORD);
      await page.click('button:has-text("Se connecter")');
      await page.waitForURL(/\/admin$/);
      const axe = await seriousViolations(page);
      expect(axe.serious).toEqual([]);
      expect(axe.passes).toBeGreaterThan(10);
    } finally {
      await context.close();
    }
  });
});
