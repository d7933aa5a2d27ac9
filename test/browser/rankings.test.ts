/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowsedApp, browseApp, seriousViolations } from '../support/browser.ts';
import { addRankingPanel } from '../support/ranked-world.ts';
import { createWebWorld, realStylesheet, type WebWorld } from '../support/web-world.ts';

/**
 * The rankings, open-data and home pages once indicators are computed, in Chromium: axe finds no
 * serious or critical violation, the table sorts from the keyboard, and screenshots are saved.
 */
const PAGES = [
  { name: 'classements', path: '/classements' },
  { name: 'classements-filtres', path: '/classements?categorie=departement&tri=nom&par_page=25' },
  { name: 'donnees', path: '/donnees' },
  { name: 'accueil-indicateurs', path: '/' },
];

describe('rankings and open data in a browser', () => {
  let world: WebWorld;
  let site: BrowsedApp;

  beforeAll(async () => {
    world = await createWebWorld('sqlite', { stylesheet: await realStylesheet() });
    await (await addRankingPanel(world, 30)).compute();
    site = await browseApp(world.app);
  });

  afterAll(async () => {
    await site?.close();
    await world?.close();
  });

  it.each(PAGES)('$name: no serious or critical axe violation', async ({ name, path: pathname }) => {
    const { page, close } = await site.open(pathname);
    try {
      const { serious } = await seriousViolations(page);
      expect(serious).toEqual([]);
      await site.screenshot(page, name);
    } finally {
      await close();
    }
  });

  it('filters without JavaScript and sorts a column from the keyboard', async () => {
    const { page, close } = await site.open('/classements', { javaScriptEnabled: false });
    try {
      await page.selectOption('#categorie', 'departement');
      await page.click('button[type=submit]');
      expect(new URL(page.url()).searchParams.get('categorie')).toBe('departement');
      await page.locator('a.bm-sort', { hasText: 'Collectivité' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/tri=nom/);
      expect(await page.locator('th[aria-sort="ascending"]').textContent()).toContain('Collectivité');
      expect(await page.locator('tbody th[scope=row]').first().textContent()).toBe('Ain');
    } finally {
      await close();
    }
  });
});
