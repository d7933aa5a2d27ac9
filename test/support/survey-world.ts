import type { Database } from '../../src/db/database.ts';
import type { Mail } from '../../src/mail/mailer.ts';
import { buildWebServices } from '../../src/main/web.ts';
import { silentLogger } from '../../src/shared/logger.ts';
import { createCampaign } from '../../src/surveys/campaigns.service.ts';
import { importRecipients } from '../../src/surveys/recipients-import.ts';
import { createWebApp } from '../../src/web/app.ts';
import { createSampleAuthorities } from './authority-factory.ts';
import { createTestDatabase, type TestEngine } from './databases.ts';
import { inProcessTestJobs, sendAndDeliver } from './job-queues.ts';
import { linkIn, recipientsCsv } from './surveys.ts';
import { TEST_STYLESHEET } from './web-world.ts';

export const SURVEY_NOW = new Date('2026-11-21T10:00:00.000Z');
export const SURVEY_CLOSES = new Date('2026-12-31T23:00:00.000Z');

/**
 * A database with the sample authorities, a « maturite-2026 » campaign whose `recipients`
 * people (agents and elected officials of Bourg-en-Bresse and the Ain, alternately) were
 * invited, and the real web app over it. `now` can be moved to test closing.
 */
export interface SurveyWorld {
  database: Database;
  app: ReturnType<typeof createWebApp>;
  /** One link token per recipient, in import order. */
  tokens: string[];
  mails: Mail[];
  clock: { now: Date };
  close(): Promise<void>;
}

export async function createSurveyWorld(engine: TestEngine, recipients: number): Promise<SurveyWorld> {
  const database = await createTestDatabase(engine);
  const { db } = database;
  const ids = await createSampleAuthorities(db);
  await db.updateTable('authorities').set({ population: 41365 }).where('id', '=', ids.bourg).execute();
  await db.updateTable('authorities').set({ population: 665_000 }).where('id', '=', ids.ain).execute();
  const clock = { now: SURVEY_NOW };
  await createCampaign(
    db,
    {
      slug: 'maturite-2026',
      template: 'maturite-numerique',
      edition: '2026',
      closesAt: SURVEY_CLOSES,
      by: 'admin@barometre.example',
    },
    SURVEY_NOW,
  );
  const lines = Array.from({ length: recipients }, (_, i) =>
    i % 2 === 0 ? `01053;agent${i}@bourg.example;agent` : `01;elu${i}@ain.example;élu`,
  );
  await importRecipients(db, 'maturite-2026', recipientsCsv(`Code;Courriel;Profil\n${lines.join('\n')}\n`), {
    now: SURVEY_NOW,
    actor: 'admin@barometre.example',
  });
  const mails: Mail[] = [];
  const mailer = { send: async (mail: Mail) => void mails.push(mail) };
  await sendAndDeliver(db, 'maturite-2026', 'invitations', {
    mailer,
    actor: 'admin@barometre.example',
    publicUrl: 'https://barometre.example',
    now: SURVEY_NOW,
  });
  const jobs = await inProcessTestJobs(db, { mailer });
  const app = createWebApp({
    services: buildWebServices(database, { mailer, jobs: jobs.queue, now: () => clock.now }),
    stylesheet: TEST_STYLESHEET,
    logger: silentLogger,
    tls: { tls: false, trustProxy: false },
    version: 'test',
  });
  return {
    database,
    app,
    tokens: mails.map((mail) => linkIn(mail)),
    mails,
    clock,
    close: async () => {
      await jobs.close();
      await database.close();
    },
  };
}
