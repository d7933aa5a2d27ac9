/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowsedApp, browseApp, seriousViolations } from '../support/browser.ts';
import { createWebWorld, realStylesheet, type WebWorld } from '../support/web-world.ts';

/**
 * The public pages in Debian's Chromium: axe-core finds no serious or critical violation, the
 * skip link works from the keyboard, nothing trips the CSP, and pages work without JavaScript.
 * Screenshots go to SCREENSHOT_DIR for people to look at.
 */
const PAGES = [
  { name: 'accueil', path: '/' },
  { name: 'recherche', path: '/recherche?q=bourg' },
  { name: 'recherche-erreur', path: '/recherche?q=' },
  { name: 'collectivite', path: '/collectivites/departement/01' },
  { name: 'methodologie', path: '/methodologie' },
  { name: 'api', path: '/api' },
  { name: 'introuvable', path: '/nulle-part' },
];

describe('public site in a browser', () => {
  let world: WebWorld;
  let site: BrowsedApp;

  beforeAll(async () => {
    world = await createWebWorld('sqlite', { stylesheet: await realStylesheet() });
    site = await browseApp(world.app);
  });

  afterAll(async () => {
    await site?.close();
    await world?.close();
  });

  it.each(PAGES)(
    '$name: no serious or critical axe violation, nothing blocked by the CSP',
    async ({ name, path: pathname }) => {
      const { page, cspViolations, close } = await site.open(pathname);
      try {
        const { serious, passes } = await seriousViolations(page);
        expect(serious).toEqual([]);
        expect(passes).toBeGreaterThan(10);
        expect(cspViolations).toEqual([]);
        // The stylesheet loaded (a browser's default body margin is 8px).
        expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
        await site.screenshot(page, name);
      } finally {
        await close();
      }
    },
  );

  it('reaches the main content with the skip link, first stop of the keyboard', async () => {
    const { page, close } = await site.open('/collectivites/departement/01');
    try {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => ({
        text: document.activeElement?.textContent?.trim(),
        visible: (document.activeElement as HTMLElement | null)?.getBoundingClientRect().height ?? 0,
      }));
      expect(focused.text).toBe('Aller au contenu');
      expect(focused.visible).toBeGreaterThan(0);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('contenu');
      await page.keyboard.press('Tab');
      // The next stop is inside the main content, past header and navigation.
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true);
    } finally {
      await close();
    }
  });

  it('searches without JavaScript, by submitting the form', async () => {
    const { page, close } = await site.open('/', { javaScriptEnabled: false });
    try {
      await page.fill('#q', '01000');
      await page.click('button[type=submit]');
      await page.waitForURL(/\/recherche\?q=01000/);
      await page.click('text=Bourg-en-Bresse');
      await page.waitForURL(/\/collectivites\/commune\/01053$/);
      expect(await page.textContent('h1')).toBe('Bourg-en-Bresse');
    } finally {
      await close();
    }
  });

  it('opens the map’s data table without JavaScript', async () => {
    const { page, close } = await site.open('/', { javaScriptEnabled: false });
    try {
      const table = page.locator('figure.bm-map table');
      expect(await table.isVisible()).toBe(false);
      await page.click('figure.bm-map summary');
      expect(await table.isVisible()).toBe(true);
      expect(await page.locator('figure.bm-map svg[role=img] title').first().textContent()).toBe(
        'Démarches de bout en bout par département',
      );
    } finally {
      await close();
    }
  });
});
