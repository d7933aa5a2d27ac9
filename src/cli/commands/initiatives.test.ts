import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured, temporaryDataDir } from '../../../test/support/cli.ts';
import { csvFixture } from '../../../test/support/import-test-bed.ts';

/** The initiatives commands end to end through the CLI, on the embedded database with real territories. */
describe('barometre initiatives', () => {
  let dataDir: string;
  const run = (...argv: string[]) => runCliCaptured(argv, { dataDir });

  beforeAll(async () => {
    dataDir = temporaryDataDir();
    const imported = await run('import', 'territories');
    if (imported.code !== 0) throw new Error(imported.stderr);
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('imports, moderates, corrects and analyses initiatives', async () => {
    const imported = await run(
      'initiatives',
      'import',
      csvFixture('initiatives.csv'),
      '--by',
      'ana@exemple.fr',
    );
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/ajoutées et publiées\s+3/);

    const submitted = await run(
      'initiatives',
      'submit',
      '--authority',
      '75056',
      '--kind',
      'commune',
      '--title',
      'Vidéoprotection des parcs',
      '--description',
      'Des caméras dans les parcs et jardins',
      '--year',
      '2025',
      '--by',
      'mairie@paris.example',
    );
    expect(submitted.code).toBe(0);
    expect(submitted.stdout).toMatch(
      /^Initiative n° 4 soumise pour Paris ; en attente de modération\.\n {2}Sécurité \(\d+\s%\) : /,
    );

    expect((await run('initiatives', 'list', '--status', 'submitted')).stdout).toContain(
      'Vidéoprotection des parcs — Sécurité',
    );
    const rejected = await run('initiatives', 'reject', '4', '--by', 'mod@exemple.fr');
    expect([rejected.code, rejected.stderr.trim()]).toEqual([
      3,
      'Erreur : Un refus doit être motivé : précisez la raison (--reason).',
    ]);
    expect((await run('initiatives', 'publish', '4', '--by', 'mod@exemple.fr')).code).toBe(0);
    expect((await run('initiatives', 'publish', '4', '--by', 'mod@exemple.fr')).code).toBe(5);
    const corrected = await run(
      'initiatives',
      'reclassify',
      '4',
      '--domains',
      'securite,territoire_intelligent',
      '--by',
      'ana@exemple.fr',
      '--comment',
      'Aussi la gestion des parcs',
    );
    expect(corrected.stdout).toBe(
      'Initiative n° 4 : domaines corrigés en Sécurité, Territoire intelligent, mobilité et environnement.\n',
    );
    const shown = await run('initiatives', 'show', '4');
    expect(shown.stdout).toContain('Modération : publiée');
    expect(shown.stdout).toMatch(
      /classement automatique logreg-2026\.1-[0-9a-f]{8}\n {4}Sécurité \(\d+\s%\)/,
    );
    expect(shown.stdout).toContain('analyste ana@exemple.fr : Aussi la gestion des parcs');
    expect((await run('initiatives', 'show', '99')).code).toBe(4);

    const analysed = await run('initiatives', 'analyse', '--year', '2025');
    expect(analysed.code).toBe(0);
    expect(analysed.stdout).toContain('• 3 initiatives publiées pour 2025, portées par 3 collectivités.');
    expect(analysed.stdout).toContain('Communes par strate de population');
    expect(analysed.stdout).toMatch(/Communes de 100\s000 habitants ou plus/);

    const exported = await run('initiatives', 'export', '--format', 'json', '--year', '2025');
    expect(JSON.parse(exported.stdout).initiatives.map((item: { id: number }) => item.id)).toEqual([1, 2, 4]);
    const csv = await run('initiatives', 'export');
    expect(csv.stdout.split('\r\n')).toHaveLength(5);
  });

  it('classifies a JSONL file into one JSON line per initiative', async () => {
    const input = path.join(dataDir, 'to-classify.jsonl');
    fs.writeFileSync(
      input,
      `${JSON.stringify({ title: 'Portail des archives', description: 'Registres numérisés en ligne' })}\n`,
    );
    const result = await run('initiatives', 'classify', input);
    expect(result.code).toBe(0);
    const [line] = result.stdout
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text));
    expect(line).toMatchObject({
      line: 1,
      domains: [expect.objectContaining({ domain: 'culture_patrimoine' })],
    });
  });

  it('rejects an invalid file with exit code 3 and writes nothing', async () => {
    const result = await run(
      'initiatives',
      'import',
      csvFixture('initiatives-invalid.csv'),
      '--by',
      'ana@exemple.fr',
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(
      'initiatives-invalid.csv, ligne 3, colonne « Code Insee » : collectivité inconnue',
    );
    expect(result.stderr).toContain('Rien n’a été enregistré');
  });
});
