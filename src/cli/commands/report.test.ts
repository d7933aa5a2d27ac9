import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured, temporaryDataDir } from '../../../test/support/cli.ts';
import { createReportWorld } from '../../../test/support/report-world.ts';
import type { Database } from '../../db/database.ts';
import { EXIT } from '../errors.ts';

describe('barometre report', () => {
  let database: Database;
  const dataDir = temporaryDataDir();
  const run = (argv: string[]) => runCliCaptured(argv, { dataDir, database });

  beforeAll(async () => {
    database = await createReportWorld('sqlite');
  }, 60_000);
  afterAll(async () => database?.close());

  it('writes the HTML report into the data directory by default and says where', async () => {
    const result = await run(['report', '--edition', '2026']);
    expect(result.code).toBe(EXIT.ok);
    const file = path.join(dataDir, 'rapports', 'barometre-2026.html');
    expect(result.stdout).toContain(`Rapport de l’édition 2026 (HTML, 7 collectivités) : ${file}`);
    expect(fs.readFileSync(file, 'utf8')).toContain('<h2 class="govuk-heading-l" id="section-annex">');
  });

  it('refuses an edition whose indicators are not computed, naming the command, and writes nothing', async () => {
    const out = path.join(dataDir, 'absent.pdf');
    const result = await run(['report', '--edition', '2031', '--format', 'pdf', '--out', out]);
    expect(result.code).toBe(EXIT.notFound);
    expect(result.stderr).toMatch(/2031/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses an unknown format', async () => {
    const result = await run(['report', '--edition', '2026', '--format', 'docx']);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/docx/);
  });
});
