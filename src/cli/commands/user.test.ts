import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthority } from '../../../test/support/authority-factory.ts';
import { runCliCaptured, temporaryDataDir } from '../../../test/support/cli.ts';
import { createTestDatabase } from '../../../test/support/databases.ts';
import { signIn } from '../../accounts/sessions.service.ts';
import type { Database } from '../../db/database.ts';
import { EXIT } from '../errors.ts';

describe('barometre user', () => {
  let database: Database;
  const dataDir = temporaryDataDir();
  const run = (argv: string[], extra: { stdin?: string; env?: Record<string, string> } = {}) =>
    runCliCaptured(argv, { dataDir, database, ...extra });

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    await createAuthority(database.db, { kind: 'departement', code: '01', name: 'Ain' });
  });
  afterAll(async () => database.close());

  it('creates the first administrator with a password read from stdin, who can then sign in', async () => {
    const created = await run(
      [
        'user',
        'create',
        '--role',
        'admin',
        '--email',
        'Admin@Exemple.fr',
        '--name',
        'Alice',
        '--password-stdin',
      ],
      { stdin: 'une phrase de passe solide\n' },
    );
    expect(created.code).toBe(EXIT.ok);
    expect(created.stdout).toContain('Compte administrateur créé : admin@exemple.fr.');
    expect(created.stdout).not.toContain('une phrase');
    const session = await signIn(
      database.db,
      { email: 'admin@exemple.fr', password: 'une phrase de passe solide', client: 'cli-test' },
      new Date('2026-11-21T12:00:00Z'),
    );
    expect(session.user.role).toBe('admin');
  });

  it('prints a generated password once when none is given, and binds representatives to their authority', async () => {
    const created = await run([
      'user',
      'create',
      '--role',
      'authority',
      '--email',
      'rep@ain.fr',
      '--name',
      'Rep',
      '--authority',
      '01',
      '--kind',
      'departement',
    ]);
    expect(created.code).toBe(EXIT.ok);
    expect(created.stdout).toMatch(/Mot de passe \(affiché une seule fois.*\) : [\w-]{20}/);
    const listed = await run(['user', 'list']);
    expect(listed.stdout).toContain('rep@ain.fr  Rep  représentant de collectivité (Ain 01)');
  });

  it('refuses a weak password, an unknown role or authority, without creating anything', async () => {
    const weak = await run(
      ['user', 'create', '--role', 'analyst', '--email', 'b@exemple.fr', '--name', 'B', '--password-stdin'],
      { stdin: 'court' },
    );
    expect(weak.code).toBe(EXIT.inputInvalid);
    expect(weak.stderr).toMatch(/12 caractères/);
    expect(
      (await run(['user', 'create', '--role', 'boss', '--email', 'b@exemple.fr', '--name', 'B'])).code,
    ).toBe(EXIT.usage);
    const unknown = await run([
      'user',
      'create',
      '--role',
      'authority',
      '--email',
      'b@exemple.fr',
      '--name',
      'B',
      '--authority',
      '99999',
    ]);
    expect(unknown.code).toBe(EXIT.notFound);
    expect((await run(['user', 'list'])).stdout).not.toContain('b@exemple.fr');
  });

  it('disables an account, and sends a reset link to the outbox only with a public URL configured', async () => {
    const noUrl = await run(['user', 'reset-password', 'rep@ain.fr']);
    expect(noUrl.code).toBe(EXIT.configInvalid);
    const sent = await run(['user', 'reset-password', 'rep@ain.fr'], {
      env: { BAROMETRE_PUBLIC_URL: 'https://barometre.example.org' },
    });
    expect(sent.code).toBe(EXIT.ok);
    const outbox = path.join(dataDir, 'outbox');
    const [mail] = fs.readdirSync(outbox);
    const text = fs.readFileSync(path.join(outbox, mail ?? ''), 'utf8');
    expect(text).toMatch(/^To: rep@ain.fr\r$/m);
    expect(text).toMatch(/https:\/\/barometre\.example\.org\/compte\/mot-de-passe\?jeton=[\w-]{43}/);
    expect((await run(['user', 'disable', 'rep@ain.fr'])).code).toBe(EXIT.ok);
    expect((await run(['user', 'list'])).stdout).toMatch(/rep@ain.fr.*désactivé/);
  });
});
