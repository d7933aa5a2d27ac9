import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultReportPath } from '../../src/reports/report/report-files.ts';
import { generateReport } from '../../src/reports/report/report-generate.ts';
import { type BrowsedApp, browseApp, seriousViolations } from '../support/browser.ts';
import { withReportsIn } from '../support/page-text.ts';
import { T0 } from '../support/review-world.ts';
import { computeWebIndicators } from '../support/web-indicators.ts';
import { createWebWorld, realStylesheet, type WebWorld } from '../support/web-world.ts';

/**
 * A visitor's journey by links only, as a newcomer would take it: home → rankings → the Ain's
 * scorecard → a theme → the rankings' CSV, then the edition report from the home page. Each page
 * passes axe-core (no serious or critical violation) with nothing blocked by the CSP, and is
 * saved as a screenshot.
 */
describe('journey through the public site in a browser', () => {
  let world: WebWorld;
  let site: BrowsedApp;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'barometre-journey-'));

  beforeAll(async () => {
    world = await createWebWorld('sqlite', {
      stylesheet: await realStylesheet(),
      services: withReportsIn(dataDir),
    });
    await computeWebIndicators(world);
    await generateReport(world.db, {
      year: 2026,
      format: 'html',
      out: defaultReportPath(dataDir, 2026, 'html'),
      cacheDir: path.join(os.tmpdir(), 'barometre-test-css'),
      now: T0,
    });
    site = await browseApp(world.app);
  });

  afterAll(async () => {
    await site?.close();
    await world?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const check = async (page: Page, name: string, cspViolations: string[]) => {
    const { serious } = await seriousViolations(page);
    expect(serious, name).toEqual([]);
    expect(cspViolations, name).toEqual([]);
    await site.screenshot(page, `parcours-${name}`);
  };

  it('goes from the home page to a download of the rankings, by links', async () => {
    const { page, cspViolations, close } = await site.open('/');
    try {
      await check(page, '1-accueil', cspViolations);

      await page.getByRole('link', { name: 'Classements', exact: true }).first().click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/classements');
      await check(page, '2-classements', cspViolations);

      await page.getByRole('link', { name: 'Ain', exact: true }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/collectivites/departement/01');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ain');
      await check(page, '3-fiche', cspViolations);

      await page.getByRole('link', { name: 'Thématiques', exact: true }).first().click();
      await page.getByRole('link', { name: 'Solidarités' }).first().click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/thematiques/solidarites');
      await check(page, '4-thematique', cspViolations);

      await page.getByRole('link', { name: 'Classements', exact: true }).first().click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('a[href^="/classements.csv"]').click(),
      ]);
      expect(download.suggestedFilename()).toBe('classement-2026.csv');
      const csv = fs.readFileSync(await download.path(), 'utf8');
      expect(csv.split('\n')[0]).toContain('rang');
      expect(csv).toContain('Ain');
    } finally {
      await close();
    }
  });

  it('opens the edition report from the home page, its styles applied and nothing blocked', async () => {
    const { page, cspViolations, close } = await site.open('/');
    try {
      await page.getByRole('link', { name: /Lire le rapport 2026/ }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/rapport/2026');
      // The report's own stylesheet is inline: applied only if the CSP allowed it by its hash.
      const rules = await page.evaluate(() =>
        Array.from(document.styleSheets).reduce((sum, sheet) => sum + sheet.cssRules.length, 0),
      );
      expect(rules).toBeGreaterThan(100);
      await check(page, '5-rapport', cspViolations);
    } finally {
      await close();
    }
  });
});
