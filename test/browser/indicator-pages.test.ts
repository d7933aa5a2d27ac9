import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowsedApp, browseApp, seriousViolations } from '../support/browser.ts';
import { computeWebIndicators } from '../support/web-indicators.ts';
import { createWebWorld, realStylesheet, type WebWorld } from '../support/web-world.ts';

/**
 * The scorecard, theme and analysis pages with computed indicators, in Debian's Chromium:
 * axe-core finds no serious or critical violation and the CSP blocks nothing. Screenshots go
 * to SCREENSHOT_DIR for people to look at.
 */
const PAGES = [
  { name: 'fiche-indicateurs', path: '/collectivites/departement/01' },
  { name: 'thematiques', path: '/thematiques' },
  { name: 'thematique', path: '/thematiques/solidarites' },
  { name: 'analyses', path: '/analyses' },
];

describe('indicator pages in a browser', () => {
  let world: WebWorld;
  let site: BrowsedApp;

  beforeAll(async () => {
    world = await createWebWorld('sqlite', { stylesheet: await realStylesheet() });
    await computeWebIndicators(world);
    site = await browseApp(world.app);
  });

  afterAll(async () => {
    await site?.close();
    await world?.close();
  });

  it.each(PAGES)(
    '$name: no serious or critical axe violation, nothing blocked by the CSP',
    async ({ name, path: pathname }) => {
      const { page, response, cspViolations, close } = await site.open(pathname);
      try {
        expect(response?.status()).toBe(200);
        const { serious, passes } = await seriousViolations(page);
        expect(serious).toEqual([]);
        expect(passes).toBeGreaterThan(10);
        expect(cspViolations).toEqual([]);
        await site.screenshot(page, name);
      } finally {
        await close();
      }
    },
  );
});
