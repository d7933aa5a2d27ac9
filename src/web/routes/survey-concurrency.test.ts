import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../../test/support/databases.ts';
import { generatedResponse, seededRandom } from '../../../test/support/survey-answers.ts';
import { createSurveyWorld, type SurveyWorld } from '../../../test/support/survey-world.ts';
import { formBrowser, pageFormFields } from '../../../test/support/surveys.ts';
import { loadTemplate } from '../../surveys/templates.ts';

const RESPONDENTS = 200;
const questionnaire = loadTemplate('maturite-numerique', '2026').questionnaire;

/**
 * Two hundred respondents answer at the same time over real HTTP, each page after page, and
 * each submits twice at once (a double click): every answer is stored, every response is
 * submitted once, and both submits of a pair are told the same instant.
 */
describe.each(TEST_ENGINES)('simultaneous survey responses on %s', (engine) => {
  let world: SurveyWorld;
  let server: ServerType;
  let origin: string;

  beforeAll(async () => {
    world = await createSurveyWorld(engine, RESPONDENTS);
    server = await new Promise<ServerType>((resolve) => {
      const started = serve({ fetch: world.app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
        resolve(started),
      );
    });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await world.close();
  });

  it('loses nothing and records each submission once', async () => {
    const expected = world.tokens.map((_, i) => generatedResponse(questionnaire, seededRandom(1000 + i)));
    const outcomes = await Promise.all(
      world.tokens.map(async (token, i) => {
        const browser = formBrowser((path, init) => fetch(`${origin}${path}`, init));
        const base = `/enquete/${token}`;
        await browser.get(`${base}/profil`);
        for (const page of questionnaire.pages) {
          const posted = await browser.post(
            `${base}/${page.name}`,
            pageFormFields(page, expected[i]?.[page.name] ?? {}),
          );
          if (posted.status !== 303) throw new Error(`${page.name}: ${posted.status}`);
        }
        await browser.get(`${base}/envoi`);
        const [first, second] = await Promise.all([
          browser.post(`${base}/envoi`, []),
          browser.post(`${base}/envoi`, []),
        ]);
        return [first, second].map((r) =>
          r.html.match(/(ont été|avaient déjà été) envoyées le ([^.]+)\./)?.slice(1),
        );
      }),
    );
    // One of each pair recorded the submission, the other was told it already was.
    for (const pair of outcomes) {
      expect(pair.map((outcome) => outcome?.[0]).sort()).toEqual(['avaient déjà été', 'ont été']);
      expect(pair.map((outcome) => outcome?.[1])).toEqual(['21 novembre 2026', '21 novembre 2026']);
    }

    const { db } = world.database;
    const recipients = await db
      .selectFrom('survey_recipients')
      .select(['id', 'submitted_at'])
      .orderBy('id')
      .execute();
    expect(recipients.filter((r) => r.submitted_at !== null)).toHaveLength(RESPONDENTS);
    const stored = await db
      .selectFrom('survey_answers')
      .select(['recipient_id', 'page', 'answers'])
      .execute();
    expect(stored).toHaveLength(RESPONDENTS * questionnaire.pages.length);
    const byRecipient = new Map(recipients.map((r, i) => [r.id, i]));
    for (const row of stored) {
      const index = byRecipient.get(row.recipient_id) ?? -1;
      expect(JSON.parse(row.answers)).toEqual(expected[index]?.[row.page]);
    }
  }, 120_000);
});
