import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured, temporaryDataDir } from '../../../test/support/cli.ts';
import {
  assess,
  createAuditedSite,
  createEditionRow,
  createPanelAuthority,
  createReferential,
} from '../../../test/support/indicator-world.ts';
import { openSqlite } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';

/** The CLI over a small edition: two départements, one of them without website. */
describe('barometre indicators and findings', () => {
  let dataDir: string;
  const now = new Date('2026-11-21T12:00:00Z');
  const run = (argv: string[]) => runCliCaptured(argv, { dataDir, now });

  beforeAll(async () => {
    dataDir = temporaryDataDir();
    const database = openSqlite(path.join(dataDir, 'barometre.sqlite'));
    await migrateToLatest(database.db);
    const s = await createReferential(database.db, '2026.1');
    const edition = await createEditionRow(database.db, 2026, '2026.1');
    const ain = await createPanelAuthority(database.db, {
      kind: 'departement',
      code: '01',
      name: 'Ain',
      population: 650_000,
      website: 'https://www.ain.fr/',
    });
    const aisne = await createPanelAuthority(database.db, {
      kind: 'departement',
      code: '02',
      name: 'Aisne',
      population: 530_000,
    });
    await createAuditedSite(database.db, {
      editionId: edition,
      authorityIds: [ain],
      url: 'https://www.ain.fr/',
      outcomes: ['pass', 'fail'],
    });
    await assess(database.db, edition, ain, { [s.s1]: 4, [s.s2]: 4, [s.s3]: 2 });
    await assess(database.db, edition, aisne, { [s.s1]: 1 });
    await database.close();
  });

  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to show what was not computed, naming the command', async () => {
    const result = await run(['findings', '--edition', '2026']);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('barometre indicators compute --edition 2026');
  });

  it('computes, then shows an authority and the findings', async () => {
    const computed = await run(['indicators', 'compute', '--edition', '2026']);
    expect(computed.code).toBe(0);
    expect(computed.stdout).toContain('2 collectivité(s) (2 départements)');

    const shown = await run(['indicators', 'show', '01', '--kind', 'departement', '--edition', '2026']);
    expect(shown.code).toBe(0);
    // 40·2/3 + 25·1 + 20·1 + 15·0.5 = 79.17 → 79.2
    expect(shown.stdout).toMatch(/indice de numérisation\s+79,2 \/ 100/);
    expect(shown.stdout).toMatch(/rang\s+1 sur 2 départements/);
    expect(shown.stdout).toMatch(/qualité du portail\s+50,0 \/ 100 \(2 contrôles\)/);

    const aisne = await run(['indicators', 'show', '02', '--kind', 'departement', '--edition', '2026']);
    expect(aisne.stdout).toMatch(/qualité du portail\s+pas de site internet/);

    const findings = await run(['findings', '--edition', '2026']);
    expect(findings.code).toBe(0);
    expect(findings.stdout).toContain('Départements — principaux enseignements de l’édition 2026');
    expect(findings.stdout).toContain(
      'L’édition 2026 porte sur deux départements, dont un sans site internet.',
    );
    expect(findings.stdout).toContain(
      'Un seul département sur deux a engagé la numérisation de ses services (50\u00a0%) ; un seul n’en propose encore aucun en ligne, même en partie.',
    );
    expect(findings.stdout).toContain('le meilleur revient à Ain (79,2)');
  });

  it('says when an authority is not in the panel', async () => {
    const result = await run(['indicators', 'show', '99', '--edition', '2026']);
    expect(result.code).toBe(4);
  });
});
