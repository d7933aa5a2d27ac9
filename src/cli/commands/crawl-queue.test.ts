import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, preparedDataDir, runCliCaptured } from '../../../test/support/cli.ts';

/** On SQLite the queue runs in the command itself: `crawl --queue` audits, then computes indicators. */
describe('crawl --queue on the embedded SQLite installation', () => {
  let dataDir: string;
  let queued: CliRun;

  /** `crawl --queue` of these départements on the simulated farm, as the tests run it. */
  const crawlQueued = (codes: string[]) =>
    runCliCaptured(
      [
        'crawl',
        '--authority',
        ...codes,
        '--kind',
        'departement',
        '--simulated',
        '--queue',
        '--delay',
        '1',
        '--max-pages',
        '20',
      ],
      { dataDir },
    );

  beforeAll(async () => {
    dataDir = await preparedDataDir();
    queued = await crawlQueued(['01', '02']);
  }, 120_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('queues one job per site, works them here, and ends with the edition’s indicators', async () => {
    expect(queued.code, queued.stderr).toBe(0);
    expect(queued.stdout).toContain('2 site(s) mis en file, 0 déjà audité(s) — sites SIMULÉS');
    expect(queued.stdout).toContain('crawl-site : 2 terminé(s), 0 en échec');
    expect(queued.stdout).toContain('edition-indicators : 1 terminé(s), 0 en échec');
    const shown = await runCliCaptured(['indicators', 'show', '01', '--kind', 'departement'], { dataDir });
    expect(shown.code, shown.stderr).toBe(0);
  });

  it('starts a new campaign once the previous one is closed', async () => {
    const again = await crawlQueued(['01']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('1 site(s) mis en file');
  }, 60_000);

  it('says the worker needs PostgreSQL, and what SQLite does instead', async () => {
    const worker = await runCliCaptured(['worker'], { dataDir });
    expect(worker.code).toBe(7);
    expect(worker.stderr).toContain('Le travailleur prend ses travaux dans PostgreSQL');
    const status = await runCliCaptured(['jobs', 'status'], { dataDir });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('File en processus (SQLite)');
    expect(status.stdout).toContain('Aucun travail en échec définitif.');
  });
});
