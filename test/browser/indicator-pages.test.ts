import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchTestBrowser, seriousViolations, serveApp } from '../support/browser.ts';
import { computeWebIndicators } from '../support/web-indicators.ts';
import { createWebWorld, realStylesheet, type WebWorld } from '../support/web-world.ts';

/**
 * The scorecard, theme and analysis pages with computed indicators, in Debian's Chromium:
 * axe-core finds no serious or critical violation and the CSP blocks nothing. Screenshots go
 * to SCREENSHOT_DIR for people to look at.
 */
const SCREENSHOT_DIR = process.env.BAROMETRE_SCREENSHOT_DIR ?? '/tmp/barometre-screenshots';

const PAGES = [
  { name: 'fiche-indicateurs', path: '/collectivites/departement/01' },
  { name: 'thematiques', path: '/thematiques' },
  { name: 'thematique', path: '/thematiques/solidarites' },
  { name: 'analyses', path: '/analyses' },
];

describe('indicator pages in a browser', () => {
  let world: WebWorld;
  let server: Awaited<ReturnType<typeof serveApp>>;
  let browser: Browser;

  beforeAll(async () => {
    world = await createWebWorld('sqlite', { stylesheet: await realStylesheet() });
    await computeWebIndicators(world);
    server = await serveApp(world.app);
    browser = await launchTestBrowser();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await world?.close();
  });

  it.each(PAGES)(
    '$name: no serious or critical axe violation, nothing blocked by the CSP',
    async ({ name, path: pathname }) => {
      const context = await browser.newContext({ locale: 'fr-FR' });
      const page = await context.newPage();
      const cspViolations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
      });
      try {
        const response = await page.goto(`${server.base}${pathname}`);
        expect(response?.status()).toBe(200);
        const { serious, passes } = await seriousViolations(page);
        expect(serious).toEqual([]);
        expect(passes).toBeGreaterThan(10);
        expect(cspViolations).toEqual([]);
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
      } finally {
        await context.close();
      }
    },
  );
});
