/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchTestBrowser, seriousViolations, serveApp } from '../support/browser.ts';
import { addRankingPanel } from '../support/ranked-world.ts';
import { createWebWorld, realStylesheet, type WebWorld } from '../support/web-world.ts';

/**
 * The rankings, open-data and home pages once indicators are computed, in Chromium: axe finds no
 * serious or critical violation, the table sorts from the keyboard, and screenshots are saved.
 */
const SCREENSHOT_DIR = process.env.BAROMETRE_SCREENSHOT_DIR ?? '/tmp/barometre-screenshots';

const PAGES = [
  { name: 'classements', path: '/classements' },
  { name: 'classements-filtres', path: '/classements?categorie=departement&tri=nom&par_page=25' },
  { name: 'donnees', path: '/donnees' },
  { name: 'accueil-indicateurs', path: '/' },
];

describe('rankings and open data in a browser', () => {
  let world: WebWorld;
  let server: Awaited<ReturnType<typeof serveApp>>;
  let browser: Browser;

  beforeAll(async () => {
    world = await createWebWorld('sqlite', { stylesheet: await realStylesheet() });
    await (await addRankingPanel(world, 30)).compute();
    server = await serveApp(world.app);
    browser = await launchTestBrowser();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await world?.close();
  });

  it.each(PAGES)('$name: no serious or critical axe violation', async ({ name, path: pathname }) => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    try {
      await page.goto(`${server.base}${pathname}`);
      const { serious } = await seriousViolations(page);
      expect(serious).toEqual([]);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('filters without JavaScript and sorts a column from the keyboard', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${server.base}/classements`);
      await page.selectOption('#categorie', 'departement');
      await page.click('button[type=submit]');
      expect(new URL(page.url()).searchParams.get('categorie')).toBe('departement');
      await page.locator('a.bm-sort', { hasText: 'Collectivité' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/tri=nom/);
      expect(await page.locator('th[aria-sort="ascending"]').textContent()).toContain('Collectivité');
      expect(await page.locator('tbody th[scope=row]').first().textContent()).toBe('Ain');
    } finally {
      await context.close();
    }
  });
});
