import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, freePort, waitFor } from '../../test/support/child-process.ts';
import { preparedDataDir, runCliCaptured, temporaryDataDir } from '../../test/support/cli.ts';
import { EXIT } from './errors.ts';

const dataDirs: string[] = [];
const newDataDir = () => {
  const dir = temporaryDataDir();
  dataDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('barometre CLI', () => {
  it('lists every command group in French in --help and exits 0', async () => {
    const run = await runCliCaptured(['--help'], { dataDir: newDataDir() });
    expect(run.code).toBe(EXIT.ok);
    for (const command of [
      'demo',
      'status',
      'import',
      'crawl',
      'audit',
      'detect',
      'review',
      'erratum',
      'contest',
      'referential',
      'edition',
      'db',
    ]) {
      expect(run.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
    expect(run.stdout).toContain('affiche l’aide');
  });

  it('has --help on every subcommand', async () => {
    const dataDir = newDataDir();
    for (const argv of [
      ['import', 'finances', '--help'],
      ['import', 'territories', '--help'],
      ['referential', 'validate', '--help'],
      ['edition', 'create', '--help'],
    ]) {
      const run = await runCliCaptured(argv, { dataDir });
      expect(run.code, argv.join(' ')).toBe(EXIT.ok);
      expect(run.stdout).toContain('Usage: barometre');
    }
  });

  it('exits with the usage code and a hint on an unknown command', async () => {
    const run = await runCliCaptured(['frobnicate'], { dataDir: newDataDir() });
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('barometre <commande> --help');
  });

  it('rejects an invalid setting naming its environment variable, before touching any database', async () => {
    const dataDir = newDataDir();
    const run = await runCliCaptured(['status'], {
      dataDir,
      env: { PORT: 'abc', DATABASE_URL: 'mysql://x' },
    });
    expect(run.code).toBe(EXIT.configInvalid);
    expect(run.stderr).toContain('PORT');
    expect(run.stderr).toContain('DATABASE_URL');
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('validates the shipped referential', async () => {
    const run = await runCliCaptured(['referential', 'validate'], { dataDir: newDataDir() });
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toMatch(/Référentiel \d{4}\.\d+ : 7 thématiques|fichiers valides/);
  });

  it('reports a missing referential version as not found', async () => {
    const run = await runCliCaptured(['referential', 'validate', '--referential', '1999.1'], {
      dataDir: newDataDir(),
    });
    expect(run.code).toBe(EXIT.notFound);
    expect(run.stderr).toMatch(/1999\.1/);
  });

  it('runs the demo from an empty data directory, then again without changing anything', async () => {
    const dataDir = newDataDir();
    const first = await runCliCaptured(['demo'], { dataDir });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(EXIT.ok);
    expect(first.stdout).toMatch(/départements\s+101/);
    expect(first.stdout).toMatch(/régions\s+18/);
    expect(first.stdout).toContain('Édition 2026 créée');
    expect(first.stdout).toContain('sites SIMULÉS');
    expect(first.stdout).toMatch(/sites audités\s+99 \(0 déjà faits\)/);
    expect(first.stdout).toMatch(/sites en échec\s+0\n/);
    expect(first.stdout).toMatch(
      /Indicateurs de l’édition 2026 calculés .* : 101 collectivité\(s\) \(101 départements\)/,
    );
    expect(first.stdout).toContain('Départements — principaux enseignements de l’édition 2026');
    expect(first.stdout).toMatch(
      /(départements? proposen?t?|Aucun département ne propose) plus de 50 services de bout en bout/,
    );
    expect(fs.existsSync(path.join(dataDir, 'barometre.sqlite'))).toBe(true);

    const second = await runCliCaptured(['demo'], { dataDir });
    expect(second.code).toBe(EXIT.ok);
    expect(second.stdout).toContain('Changements : 0 ajout(s), 0 mise(s) à jour');
    expect(second.stdout).toContain('Déjà chargé.');
    expect(second.stdout).toContain('Édition 2026 déjà créée');
    expect(second.stdout).toContain('Audit déjà fait');
    // Indicators are recomputed from the same data: the same findings.
    const findingsOf = (stdout: string) =>
      stdout.slice(stdout.indexOf('Départements — principaux'), stdout.indexOf('Résumé'));
    expect(findingsOf(second.stdout)).toBe(findingsOf(first.stdout));
    expect(second.stdout).toContain('Le site public : barometre serve');

    // As in a terminal: the demo ends by serving the site, with the simulated data labelled.
    const port = await freePort();
    const served = spawn(process.execPath, [BIN, 'demo', '--serve'], {
      env: { ...process.env, BAROMETRE_DATA_DIR: dataDir, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await waitFor(served, 'stderr', new RegExp(`Baromètre est servi sur http://localhost:${port}`));
      const home = await (await fetch(`http://127.0.0.1:${port}/`)).text();
      expect(home).toContain('Données simulées');
      const exited = new Promise<number | null>((resolve) => served.once('exit', resolve));
      served.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (served.exitCode === null) served.kill('SIGKILL');
    }
  }, 600_000);

  it('rejects a malformed finances file with line-numbered errors and exit code 3, then imports a valid one', async () => {
    const dataDir = newDataDir();
    expect((await runCliCaptured(['import', 'territories'], { dataDir })).code).toBe(EXIT.ok);

    const bad = await runCliCaptured(['import', 'finances', 'test/fixtures/csv/finances-bad-values.csv'], {
      dataDir,
    });
    expect(bad.code).toBe(EXIT.inputInvalid);
    expect(bad.stderr).toContain('finances-bad-values.csv, ligne 3, colonne « rrf »');
    expect(bad.stderr).toContain('Rien n’a été enregistré');
    const afterBad = await runCliCaptured(['status'], { dataDir });
    expect(afterBad.stdout).toMatch(/Départements\s+101\s+101\s+0\n/);

    const good = await runCliCaptured(['import', 'finances', 'test/fixtures/csv/finances-wide-bom.csv'], {
      dataDir,
    });
    expect(good.stderr).toBe('');
    expect(good.code).toBe(EXIT.ok);
    const afterGood = await runCliCaptured(['status'], { dataDir });
    expect(afterGood.stdout).toMatch(/Départements\s+101\s+101\s+1\n/);
  });

  it('audits a simulated département and shows its findings with evidence', async () => {
    const dataDir = await preparedDataDir();
    dataDirs.push(dataDir);

    const noSelection = await runCliCaptured(['crawl', '--simulated'], { dataDir });
    expect(noSelection.code).toBe(EXIT.inputInvalid);
    expect(noSelection.stderr).toContain('--authority CODE, --kind TYPE ou --all');
    const before = await runCliCaptured(['audit', 'show', '01', '--kind', 'departement'], { dataDir });
    expect(before.code).toBe(EXIT.notFound);

    const crawl = await runCliCaptured(
      ['crawl', '--authority', '01', '--kind', 'departement', '--simulated', '--delay', '1'],
      { dataDir },
    );
    expect(crawl.stderr).toBe('');
    expect(crawl.code).toBe(EXIT.ok);
    expect(crawl.stdout).toContain('sites SIMULÉS');
    expect(crawl.stdout).toMatch(/propositions d’évaluation\s+86/);

    const show = await runCliCaptured(['audit', 'show', '01', '--kind', 'departement'], { dataDir });
    expect(show.code).toBe(EXIT.ok);
    expect(show.stdout).toContain('Ain (département 01) — édition 2026 — SITE SIMULÉ');
    expect(show.stdout).toContain('Déclaration d’accessibilité');
    expect(show.stdout).toMatch(/Services \(86 applicables\) : \d+ de bout en bout/);
    expect(show.stdout).toMatch(/preuve : https:\/\/www\.ain\.fr\//);
  });

  it('runs as the `barometre` bin through node', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, '--version'], {
      env: { ...process.env, BAROMETRE_DATA_DIR: newDataDir() },
    });
    const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string };
    expect(stdout.trim()).toBe(version);
  });
});
