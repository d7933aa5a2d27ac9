import type { Database } from '../../src/db/database.ts';
import type { Mail } from '../../src/mail/mailer.ts';
import { buildWebServices } from '../../src/main/web.ts';
import { silentLogger } from '../../src/shared/logger.ts';
import { createWebApp } from '../../src/web/app.ts';
import type { Stylesheet } from '../../src/web/assets/stylesheet.ts';
import { createSampleAuthorities } from './authority-factory.ts';
import { createTestDatabase, type TestEngine } from './databases.ts';
import { inProcessTestJobs, type TestJobs } from './job-queues.ts';
import { SURVEY_NOW } from './survey-world.ts';
import { createRoleUsers, csrfTokenIn, type WebClient } from './web-client.ts';
import { TEST_STYLESHEET } from './web-world.ts';

/**
 * The survey back office's world: the sample authorities, one account per role (the
 * representative speaks for the Ain), no campaign yet, and the real app twice over the same
 * database: with BAROMETRE_PUBLIC_URL (`app`) and without it (`appWithoutUrl`).
 */
export interface SurveyAdminWorld {
  database: Database;
  ids: Awaited<ReturnType<typeof createSampleAuthorities>>;
  app: ReturnType<typeof createWebApp>;
  appWithoutUrl: ReturnType<typeof createWebApp>;
  mails: Mail[];
  /** The server's in-process queue: survey e-mails are in `mails` once it is drained. */
  jobs: TestJobs;
  clock: { now: Date };
  close(): Promise<void>;
}

export const SURVEY_PUBLIC_URL = 'https://barometre.example';

export async function createSurveyAdminWorld(
  engine: TestEngine,
  stylesheet: Stylesheet = TEST_STYLESHEET,
): Promise<SurveyAdminWorld> {
  const database = await createTestDatabase(engine);
  const ids = await createSampleAuthorities(database.db);
  await createRoleUsers(database.db, ids.ain);
  const mails: Mail[] = [];
  const mailer = { send: async (mail: Mail) => void mails.push(mail) };
  const clock = { now: SURVEY_NOW };
  const jobs = await inProcessTestJobs(database.db, { mailer });
  const app = (publicUrl?: string) =>
    createWebApp({
      services: buildWebServices(database, {
        mailer,
        jobs: jobs.queue,
        now: () => clock.now,
        ...(publicUrl ? { publicUrl } : {}),
      }),
      stylesheet,
      logger: silentLogger,
      tls: { tls: false, trustProxy: false },
      version: 'test',
    });
  return {
    database,
    ids,
    app: app(SURVEY_PUBLIC_URL),
    appWithoutUrl: app(),
    mails,
    jobs,
    clock,
    close: async () => {
      await jobs.close();
      await database.close();
    },
  };
}

/** Posts a file as a browser's multipart form does, with the CSRF token of the form's page. */
export async function uploadFile(
  app: SurveyAdminWorld['app'],
  client: WebClient,
  formPath: string,
  file: { field: string; name: string; text: string },
  fields: Record<string, string> = {},
): Promise<Response> {
  const page = await client.get(formPath);
  const form = new FormData();
  form.set('_csrf', csrfTokenIn(await page.text()) ?? '');
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  form.set(file.field, new File([file.text], file.name, { type: 'text/csv' }));
  const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  return app.request(formPath, { method: 'POST', body: form, headers: { cookie } });
}
