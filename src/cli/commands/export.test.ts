import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured, temporaryDataDir } from '../../../test/support/cli.ts';
import { createReviewWorld, type ReviewWorld } from '../../../test/support/review-world.ts';
import { EXIT } from '../errors.ts';

describe('barometre export', () => {
  let world: ReviewWorld;
  const dataDir = temporaryDataDir();
  const run = (argv: string[]) => runCliCaptured(argv, { dataDir, database: world.database });

  beforeAll(async () => {
    world = await createReviewWorld('sqlite');
    const editionId = await world.edition(2026);
    await world.propose({ editionId, authorityId: await world.authority(), service: 'rsa', level: 3 });
  });
  afterAll(async () => world.database.close());

  it('writes the edition’s files into the data directory by default and lists them with their rows', async () => {
    const result = await run(['export', '--edition', '2026', '--format', 'json']);
    expect(result.code).toBe(EXIT.ok);
    const outDir = path.join(dataDir, 'exports', '2026');
    expect(result.stdout).toContain(`Données ouvertes de l’édition 2026 (JSON) dans ${outDir}`);
    expect(result.stdout).toMatch(/evaluations\.json — 1 ligne\(s\)/);
    expect(result.stdout).toContain(
      'Non exportées faute d’indicateurs calculés : indicateurs, thematiques, correlations',
    );
    expect(fs.readdirSync(outDir).sort()).toEqual([
      'collectivites.json',
      'collectivites.schema.json',
      'datapackage.json',
      'evaluations.json',
      'evaluations.schema.json',
    ]);
  });

  it('refuses an unknown format or licence before writing anything', async () => {
    const outDir = path.join(dataDir, 'refused');
    const format = await run(['export', '--edition', '2026', '--format', 'ods', '--out', outDir]);
    expect(format.code).toBe(EXIT.usage);
    expect(format.stderr).toMatch(/ods/);
    const licence = await run(['export', '--edition', '2026', '--licence', 'wtfpl', '--out', outDir]);
    expect(licence.code).toBe(EXIT.usage);
    expect(fs.existsSync(outDir)).toBe(false);
  });

  it('says which edition is missing', async () => {
    const result = await run(['export', '--edition', '2019', '--out', path.join(dataDir, 'none')]);
    expect(result.code).not.toBe(EXIT.ok);
    expect(result.stderr).toMatch(/2019/);
  });
});
