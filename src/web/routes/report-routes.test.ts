import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../../test/support/databases.ts';
import { withReportsIn } from '../../../test/support/page-text.ts';
import { T0 } from '../../../test/support/review-world.ts';
import { computeWebIndicators } from '../../../test/support/web-indicators.ts';
import { createWebWorld, type WebWorld } from '../../../test/support/web-world.ts';
import { defaultReportPath } from '../../reports/report/report-files.ts';
import { generateReport } from '../../reports/report/report-generate.ts';

describe.each(TEST_ENGINES)('edition report on the site (%s)', (engine) => {
  let world: WebWorld;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'barometre-report-routes-'));
  beforeAll(async () => {
    world = await createWebWorld(engine, {
      services: withReportsIn(dataDir),
    });
    await computeWebIndicators(world);
  });
  afterAll(async () => {
    await world?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const get = async (url: string, status = 200) => {
    const response = await world.app.request(url);
    expect(response.status, url).toBe(status);
    return response;
  };

  it('links to no report and answers 404 until one is produced', async () => {
    expect(await (await get('/')).text()).not.toContain('/rapport/2026');
    expect(await (await get('/donnees')).text()).not.toContain('/rapport/2026');
    expect(await (await get('/rapport/2026', 404)).text()).toContain('Page introuvable');
    await get('/rapport/2026.pdf', 404);
    await get('/rapport/deux-mille', 404);
  });

  it('serves the HTML report as produced, its inline styles allowed by hash only, and links to it', async () => {
    await generateReport(world.db, {
      year: 2026,
      format: 'html',
      out: defaultReportPath(dataDir, 2026, 'html'),
      cacheDir: path.join(os.tmpdir(), 'barometre-test-css'),
      now: T0,
    });
    const response = await get('/rapport/2026');
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toBe(fs.readFileSync(defaultReportPath(dataDir, 2026, 'html'), 'utf8'));
    const policy = response.headers.get('content-security-policy') ?? '';
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(([, css]) => css ?? '');
    expect(styles.length).toBeGreaterThan(0);
    for (const css of styles) {
      expect(policy).toContain(`'sha256-${createHash('sha256').update(css).digest('base64')}'`);
    }
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).toContain("script-src 'self'");
    // Other pages keep the site's policy.
    expect((await get('/donnees')).headers.get('content-security-policy')).not.toContain('sha256');
    for (const page of ['/', '/donnees']) {
      const text = await (await get(page)).text();
      expect(text, page).toContain('href="/rapport/2026"');
      expect(text, page).not.toContain('/rapport/2026.pdf');
    }
  });

  it('serves the PDF once produced, and offers it beside the HTML', async () => {
    const pdf = Buffer.from('%PDF-1.7\n% test file: only its bytes are checked\n%%EOF\n');
    fs.writeFileSync(defaultReportPath(dataDir, 2026, 'pdf'), pdf);
    const response = await get('/rapport/2026.pdf');
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(pdf);
    const home = await (await get('/')).text();
    expect(home).toContain('href="/rapport/2026.pdf"');
    expect(home).toContain('Télécharger le rapport 2026 (PDF');
  });
});
