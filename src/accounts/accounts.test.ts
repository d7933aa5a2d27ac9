import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthority } from '../../test/support/authority-factory.ts';
import { createTestDatabase, TEST_ENGINES } from '../../test/support/databases.ts';
import { refusal } from '../../test/support/user-error.ts';
import { listChanges } from '../audit-log/audit-log.repository.ts';
import type { Database } from '../db/database.ts';
import type { Mail } from '../mail/mailer.ts';
import { LOCKOUT_MS, MAX_CLIENT_FAILURES, SESSION_IDLE_MS, SESSION_MAX_MS } from './accounts.rules.ts';
import { completePasswordReset, requestPasswordReset } from './password-reset.service.ts';
import { resolveSession, signIn, signOut } from './sessions.service.ts';
import { tokenHash } from './tokens.ts';
import { createUser, disableUser } from './users.service.ts';

const T0 = new Date('2026-11-22T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const PASSWORD = 'correct cheval pile agrafe';

describe.each(TEST_ENGINES)('accounts on %s', (engine) => {
  let database: Database;
  let ainId: number;
  let accounts = 0;
  /** A fresh account per test, so lockouts and sessions do not leak between tests. */
  const newAnalyst = async () => {
    accounts += 1;
    const email = `analyste${accounts}@exemple.fr`;
    const user = await createUser(
      database.db,
      { email, name: `Analyste ${accounts}`, role: 'analyst', password: PASSWORD },
      'cli',
      T0,
    );
    return { ...user, email };
  };
  const client = (n: number) => `192.0.2.${n}`;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    ainId = await createAuthority(database.db, { kind: 'departement', code: '01', name: 'Ain' });
  });
  afterAll(async () => database.close());

  it('creates accounts with a normalised e-mail, a scrypt hash and the audit log entry', async () => {
    const user = await createUser(
      database.db,
      {
        email: '  Ain.Rep@Exemple.FR ',
        name: 'Rep Ain',
        role: 'authority',
        password: PASSWORD,
        authorityIds: [ainId],
      },
      'admin@exemple.fr',
      T0,
    );
    expect(user).toMatchObject({ email: 'ain.rep@exemple.fr', role: 'authority', authorityIds: [ainId] });
    const stored = await database.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored.password_hash).not.toContain(PASSWORD);
    const [logged] = await listChanges(database.db, { entity: 'user', entityId: String(user.id) });
    expect(logged).toMatchObject({ actor: 'admin@exemple.fr', action: 'user_created' });
    expect(JSON.parse(logged?.after ?? '{}')).toMatchObject({ role: 'authority', authorityIds: [ainId] });
  });

  it('refuses bad e-mails, weak passwords, unbound representatives and duplicates', async () => {
    const base = { name: 'X', role: 'analyst' as const, password: PASSWORD };
    expect(
      (await refusal(createUser(database.db, { ...base, email: 'pas-une-adresse' }, 'cli', T0))).message,
    ).toMatch(/invalide/);
    expect(
      (
        await refusal(
          createUser(database.db, { ...base, email: 'agent@exemple.fr', password: 'court' }, 'cli', T0),
        )
      ).message,
    ).toMatch(/12 caractères/);
    expect(
      (
        await refusal(
          createUser(database.db, { ...base, email: 'agent@exemple.fr', role: 'authority' }, 'cli', T0),
        )
      ).message,
    ).toMatch(/au moins une collectivité/);
    expect(
      (
        await refusal(
          createUser(database.db, { ...base, email: 'agent@exemple.fr', authorityIds: [ainId] }, 'cli', T0),
        )
      ).message,
    ).toMatch(/aucune collectivité/);
    const { email } = await newAnalyst();
    const duplicate = await refusal(
      createUser(database.db, { ...base, email: email.toUpperCase() }, 'cli', T0),
    );
    expect(duplicate.code).toBe('conflict');
  });

  it('signs in with a new token each time, stores only its hash, and signs out', async () => {
    const { email } = await newAnalyst();
    const first = await signIn(database.db, { email, password: PASSWORD, client: client(1) }, T0);
    const second = await signIn(database.db, { email, password: PASSWORD, client: client(1) }, T0);
    expect(first.token).not.toBe(second.token);
    expect(first.csrfToken).not.toBe(first.token);
    const stored = await database.db
      .selectFrom('sessions')
      .select('id_hash')
      .where('user_id', '=', first.user.id)
      .execute();
    expect(stored.map((row) => row.id_hash).sort()).toEqual(
      [tokenHash(first.token), tokenHash(second.token)].sort(),
    );
    expect((await resolveSession(database.db, first.token, at(1000)))?.user.email).toBe(email);
    await signOut(database.db, first.token);
    expect(await resolveSession(database.db, first.token, at(2000))).toBeUndefined();
    expect(await resolveSession(database.db, second.token, at(2000))).toBeDefined();
    expect(await resolveSession(database.db, 'forged-token', at(2000))).toBeUndefined();
  });

  it('answers wrong e-mail, wrong password and disabled account the same way', async () => {
    const { email } = await newAnalyst();
    const messages = [
      (
        await refusal(
          signIn(database.db, { email: 'inconnu@exemple.fr', password: PASSWORD, client: client(2) }, T0),
        )
      ).message,
      (await refusal(signIn(database.db, { email, password: 'mauvais mot de passe', client: client(2) }, T0)))
        .message,
    ];
    await disableUser(database.db, email, 'admin@exemple.fr', T0);
    messages.push(
      (await refusal(signIn(database.db, { email, password: PASSWORD, client: client(2) }, T0))).message,
    );
    expect(new Set(messages).size).toBe(1);
    expect(messages[0]).toBe('Adresse électronique ou mot de passe incorrect.');
  });

  it('locks an account after five failures in a row, even against the right password, for 15 minutes', async () => {
    const { email } = await newAnalyst();
    for (let attempt = 0; attempt < 5; attempt++) {
      await refusal(signIn(database.db, { email, password: 'mauvais mot de passe', client: client(3) }, T0));
    }
    const locked = await refusal(
      signIn(database.db, { email, password: PASSWORD, client: client(3) }, at(60_000)),
    );
    expect(locked.message).toMatch(/verrouillé/);
    const after = await signIn(
      database.db,
      { email, password: PASSWORD, client: client(3) },
      at(LOCKOUT_MS + 1000),
    );
    expect(after.user.email).toBe(email);
  });

  it('refuses a client that failed too often, whatever account it tries', async () => {
    const { email } = await newAnalyst();
    for (let attempt = 0; attempt < MAX_CLIENT_FAILURES; attempt++) {
      await refusal(
        signIn(
          database.db,
          { email: `x${attempt}@exemple.fr`, password: 'nope nope nope', client: client(4) },
          T0,
        ),
      );
    }
    const throttled = await refusal(
      signIn(database.db, { email, password: PASSWORD, client: client(4) }, T0),
    );
    expect(throttled.message).toMatch(/Trop de tentatives/);
    expect((await signIn(database.db, { email, password: PASSWORD, client: client(5) }, T0)).user.email).toBe(
      email,
    );
  });

  it('slides a session with use up to its hard limit, and ends it when the account is disabled', async () => {
    const { email } = await newAnalyst();
    const session = await signIn(database.db, { email, password: PASSWORD, client: client(6) }, T0);
    expect(await resolveSession(database.db, session.token, at(SESSION_IDLE_MS + 1))).toBeUndefined();
    const kept = await signIn(database.db, { email, password: PASSWORD, client: client(6) }, T0);
    let now = T0.getTime();
    while (now < T0.getTime() + SESSION_MAX_MS - SESSION_IDLE_MS) {
      now += SESSION_IDLE_MS / 2;
      expect(await resolveSession(database.db, kept.token, new Date(now))).toBeDefined();
    }
    expect(await resolveSession(database.db, kept.token, at(SESSION_MAX_MS + 1))).toBeUndefined();
    const live = await signIn(database.db, { email, password: PASSWORD, client: client(6) }, T0);
    await disableUser(database.db, email, 'admin@exemple.fr', T0);
    expect(await resolveSession(database.db, live.token, at(1000))).toBeUndefined();
  });

  it('resets a password through a single-use e-mailed link that expires in an hour', async () => {
    const { email } = await newAnalyst();
    const sent: Mail[] = [];
    const mailer = { send: async (mail: Mail) => void sent.push(mail) };
    const resetUrl = (token: string) => `https://barometre.example/compte/mot-de-passe?jeton=${token}`;
    await requestPasswordReset(database.db, mailer, { email: 'personne@exemple.fr', resetUrl }, T0);
    expect(sent).toEqual([]);
    const before = await signIn(database.db, { email, password: PASSWORD, client: client(7) }, T0);
    await requestPasswordReset(database.db, mailer, { email, resetUrl }, T0);
    expect(sent).toHaveLength(1);
    const token = /jeton=([\w-]+)/.exec(sent[0]?.text ?? '')?.[1] ?? '';
    expect(sent[0]?.to).toBe(email);
    const weak = await refusal(completePasswordReset(database.db, { token, password: 'court' }, at(1000)));
    expect(weak.code).toBe('input_invalid');
    await completePasswordReset(database.db, { token, password: 'un tout autre mot de passe' }, at(1000));
    expect(await resolveSession(database.db, before.token, at(2000))).toBeUndefined();
    await refusal(signIn(database.db, { email, password: PASSWORD, client: client(7) }, at(3000)));
    await signIn(database.db, { email, password: 'un tout autre mot de passe', client: client(7) }, at(3000));
    const reused = await refusal(
      completePasswordReset(database.db, { token, password: 'encore un autre secret' }, at(4000)),
    );
    expect(reused.message).toMatch(/déjà utilisé|invalide/);
    await requestPasswordReset(database.db, mailer, { email, resetUrl }, T0);
    const late = /jeton=([\w-]+)/.exec(sent[1]?.text ?? '')?.[1] ?? '';
    const expired = await refusal(
      completePasswordReset(
        database.db,
        { token: late, password: 'encore un autre secret' },
        at(61 * 60_000),
      ),
    );
    expect(expired.message).toMatch(/expiré/);
  });
});
