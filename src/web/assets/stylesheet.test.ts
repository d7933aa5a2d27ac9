import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStylesheet } from './stylesheet.ts';

describe('loadStylesheet', () => {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'barometre-css-'));

  it('compiles GOV.UK Frontend with our colours and the system fonts, without GOV.UK’s typeface', async () => {
    const sheet = await loadStylesheet({ cacheDir });
    expect(sheet.href).toMatch(/^\/assets\/barometre\.[0-9a-f]{12}\.css$/);
    expect(sheet.css).toContain('.govuk-table');
    expect(sheet.css).toContain('#0b4f6c');
    expect(sheet.css).toContain('system-ui');
    expect(sheet.css).not.toMatch(/GDS Transport|@font-face|govuk-header__logo/);
  });

  it('reads the compiled file from its cache on the next start', async () => {
    const [cached] = fs.readdirSync(cacheDir).filter((name) => name.endsWith('.css'));
    expect(cached).toBeDefined();
    fs.writeFileSync(path.join(cacheDir, cached as string), '.from-cache{}');
    const sheet = await loadStylesheet({ cacheDir });
    expect(sheet.css).toBe('.from-cache{}');
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });
});
