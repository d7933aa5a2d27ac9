import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSampleAuthorities } from '../../test/support/authority-factory.ts';
import { createTestDatabase, TEST_ENGINES } from '../../test/support/databases.ts';
import { installationTestJobs, type TestJobs } from '../../test/support/job-queues.ts';
import { recipientsCsv as csv, linkIn, SURVEY_TABLES } from '../../test/support/surveys.ts';
import { refusal } from '../../test/support/user-error.ts';
import type { Database } from '../db/database.ts';
import type { Mail } from '../mail/mailer.ts';
import { mailBatches } from './campaign.rules.ts';
import { createCampaign, sendMails } from './campaigns.service.ts';
import { importRecipients } from './recipients-import.ts';
import { openLink, savePage, submitResponse } from './responses.service.ts';

const NOW = new Date('2026-11-21T10:00:00.000Z');
const CLOSES = new Date('2026-12-31T23:00:00.000Z');

describe.each(TEST_ENGINES)('survey campaigns on %s', (engine) => {
  let database: Database;
  /** The installation's queue (pg-boss on the PostgreSQL server): e-mails leave through its jobs. */
  let jobs: TestJobs;
  let outbox: Mail[] = [];
  const deps = (now = NOW) => ({
    enqueue: (kind: 'mail-batch', payloads: unknown[]) => jobs.queue.enqueueMany(kind, payloads),
    actor: 'admin@barometre.example',
    publicUrl: 'https://barometre.example',
    now,
  });
  /** Sends, then waits until the queue has run the e-mail jobs. */
  const send = async (mode: 'invitations' | 'reminders', now = NOW) => {
    const report = await sendMails(database.db, 'maturite-2026', mode, deps(now));
    await jobs.queue.drained();
    return report;
  };

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await createSampleAuthorities(database.db);
  });
  afterAll(async () => database.close());
  beforeEach(async () => {
    for (const table of SURVEY_TABLES) await database.db.deleteFrom(table).execute();
    await database.db.deleteFrom('mail_deliveries').execute();
    jobs = await installationTestJobs(database);
    outbox = jobs.env.sent;
  });
  afterEach(async () => jobs.close());

  const create = (slug = 'maturite-2026') =>
    createCampaign(
      database.db,
      {
        slug,
        template: 'maturite-numerique',
        edition: '2026',
        closesAt: CLOSES,
        by: 'admin@barometre.example',
      },
      NOW,
    );

  it('creates a campaign on a stored questionnaire version, once per identifier', async () => {
    const campaign = await create();
    expect(campaign).toMatchObject({
      slug: 'maturite-2026',
      template: 'maturite-numerique',
      edition: '2026',
    });
    await create('maturite-2026-bis');
    expect(await database.db.selectFrom('survey_questionnaires').select('id').execute()).toHaveLength(1);
    expect((await refusal(create())).code).toBe('conflict');
    expect((await refusal(create('Mauvais Nom'))).code).toBe('input_invalid');
  });

  it('imports recipients all or nothing, with each problem on its line', async () => {
    await create();
    const bad = await refusal(
      importRecipients(
        database.db,
        'maturite-2026',
        csv(
          'Code;Courriel;Profil\n01053;maire@bourg.example;élu\n99999;x@y.example;agent\n01053;pas-un-courriel;agent\n01053;MAIRE@bourg.example;agent\n01001;a@b.example;chef\n',
        ),
        { now: NOW, actor: 'admin@barometre.example' },
      ),
    );
    expect(bad.problems.map((p) => `${p.line} ${p.column} ${p.message}`)).toEqual([
      expect.stringMatching(/^3 Code .*99999/),
      '4 Courriel « pas-un-courriel » n’est pas une adresse électronique',
      expect.stringMatching(/^5 Code doublon : .*courriel maire@bourg\.example.* ligne 2$/),
      '6 Profil profil « chef » inconnu : agent, élu ou collectivité',
    ]);
    expect(await database.db.selectFrom('survey_recipients').select('id').execute()).toEqual([]);

    const file = csv(
      'Code;Courriel;Profil\n01053;maire@bourg.example;élu\n01001;dgs@abergement.example;agent\n',
    );
    expect(
      await importRecipients(database.db, 'maturite-2026', file, {
        now: NOW,
        actor: 'admin@barometre.example',
      }),
    ).toMatchObject({
      added: 2,
    });
    expect(
      await importRecipients(database.db, 'maturite-2026', file, {
        now: NOW,
        actor: 'admin@barometre.example',
      }),
    ).toMatchObject({
      added: 0,
      alreadyPresent: 2,
    });
  });

  it('invites each recipient once with a personal link, and reminds only those who have not submitted', async () => {
    await create();
    await importRecipients(
      database.db,
      'maturite-2026',
      csv('Code;Courriel;Profil\n01053;maire@bourg.example;élu\n01001;dgs@abergement.example;agent\n'),
      { now: NOW, actor: 'admin@barometre.example' },
    );
    expect(await send('invitations')).toEqual({ queued: 2, skipped: 0 });
    expect(await send('invitations')).toEqual({ queued: 0, skipped: 2 });
    expect(outbox.map((m) => m.to)).toEqual(['maire@bourg.example', 'dgs@abergement.example']);
    // Delivered by a `mail-batch` job, which records each e-mail it sent.
    const deliveries = await database.db
      .selectFrom('mail_deliveries')
      .select(['batch_key', 'recipient'])
      .execute();
    expect(deliveries.map((d) => d.recipient).sort()).toEqual([
      'dgs@abergement.example',
      'maire@bourg.example',
    ]);
    expect(new Set(deliveries.map((d) => d.batch_key))).toEqual(
      new Set([`survey:maturite-2026:invitations:${NOW.toISOString()}:1`]),
    );
    expect(outbox[0]?.text).toMatch(/Bourg-en-Bresse/);
    const token = linkIn(outbox[0]);
    // Only hashes are stored.
    const stored = await database.db.selectFrom('survey_links').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(token);

    const opened = await openLink(database.db, token, '203.0.113.1', NOW);
    if (opened.status !== 'ok') throw new Error(opened.status);
    await savePage(
      database.db,
      opened.response,
      'profil',
      { profil: 'elu', fonction_elu: 'executif', type_collectivite: 'commune', taille: '3500_20000' },
      NOW,
    );
    const outcome = await submitResponse(database.db, opened.response.recipientId, NOW);
    expect(outcome.status).toBe('invalid');

    outbox.length = 0;
    expect(await send('reminders')).toEqual({ queued: 2, skipped: 0 });
    expect(outbox[0]?.subject).toMatch(/^Rappel : /);
    // The reminder's new link opens the same response, with what was saved.
    const again = await openLink(database.db, linkIn(outbox[0]), '203.0.113.1', NOW);
    expect(again.status === 'ok' && again.response.answers).toMatchObject({
      profil: 'elu',
      taille: '3500_20000',
    });
  });

  it('sends one address that speaks for two authorities both invitations, each with its own link', async () => {
    await create();
    await importRecipients(
      database.db,
      'maturite-2026',
      csv('Code;Courriel;Profil\n01053;secretariat@ain.example;agent\n01001;secretariat@ain.example;agent\n'),
      { now: NOW, actor: 'admin@barometre.example' },
    );
    expect(await send('invitations')).toEqual({ queued: 2, skipped: 0 });
    expect(outbox.map((m) => m.to)).toEqual(['secretariat@ain.example', 'secretariat@ain.example']);
    expect(new Set(outbox.map((m) => linkIn(m))).size).toBe(2);
    expect(await database.db.selectFrom('mail_deliveries').select('batch_key').execute()).toHaveLength(2);
  });

  it('refuses unknown links, then throttles a client that keeps guessing', async () => {
    for (let i = 0; i < 20; i++)
      expect(await openLink(database.db, `devine-${i}-aaaaaaaaaaaaaaaaaaaaaa`, '198.51.100.7', NOW)).toEqual({
        status: 'unknown',
      });
    const throttled = await refusal(
      openLink(database.db, 'devine-final-aaaaaaaaaaaaaaaaaaaa', '198.51.100.7', NOW),
    );
    expect(throttled.message).toMatch(/Trop de liens inconnus/);
    expect(await openLink(database.db, 'autre-client-aaaaaaaaaaaaaaaaaaaaaa', '198.51.100.8', NOW)).toEqual({
      status: 'unknown',
    });
  });

  it('closes links at the closing date unless the response was submitted', async () => {
    await create();
    await importRecipients(
      database.db,
      'maturite-2026',
      csv('Code;Courriel;Profil\n01053;maire@bourg.example;élu\n'),
      { now: NOW, actor: 'admin@barometre.example' },
    );
    await send('invitations');
    const later = new Date(CLOSES.getTime() + 1000);
    expect((await openLink(database.db, linkIn(outbox[0]), '203.0.113.1', later)).status).toBe('closed');
    expect((await refusal(sendMails(database.db, 'maturite-2026', 'reminders', deps(later)))).code).toBe(
      'conflict',
    );
  });
});

describe('mail batches of a send', () => {
  it('hold at most `size` e-mails, and never one address twice', () => {
    const mails = ['a', 'b', 'a', 'c', 'a'].map((to) => ({ to }));
    expect(mailBatches(mails, 'k', 2)).toEqual([
      { batchKey: 'k:1', mails: [{ to: 'a' }, { to: 'b' }] },
      { batchKey: 'k:2', mails: [{ to: 'a' }, { to: 'c' }] },
      { batchKey: 'k:3', mails: [{ to: 'a' }] },
    ]);
  });
});
