import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../../test/support/databases.ts';
import { generatedResponse, seededRandom } from '../../../test/support/survey-answers.ts';
import {
  createSurveyWorld,
  SURVEY_CLOSES,
  SURVEY_NOW,
  type SurveyWorld,
} from '../../../test/support/survey-world.ts';
import { formBrowser, pageFormFields } from '../../../test/support/surveys.ts';
import { loadTemplate } from '../../surveys/templates.ts';

const questionnaire = loadTemplate('maturite-numerique', '2026').questionnaire;

describe.each(TEST_ENGINES)('survey pages on %s', (engine) => {
  let world: SurveyWorld;
  const browser = (address = '192.0.2.1') =>
    formBrowser(async (path, init) =>
      world.app.request(path, init, { incoming: { socket: { remoteAddress: address } } }),
    );

  beforeAll(async () => {
    world = await createSurveyWorld(engine, 12);
  });
  afterAll(async () => world.close());

  it('collects a response page by page, without JavaScript, with per-question messages', async () => {
    const base = `/enquete/${world.tokens[0]}`;
    const b = browser();
    const start = await b.get(base);
    expect(start.status).toBe(200);
    expect(start.html).toMatch(/Maturité numérique/);
    expect(start.html).toMatch(/Bourg-en-Bresse/);
    expect(start.html).toMatch(/>Commencer</);
    expect(start.html).not.toMatch(/<script/);

    const empty = await b.get(`${base}/profil`);
    expect(empty.status).toBe(200);
    const refused = await b.post(`${base}/profil`, []);
    expect(refused.status).toBe(400);
    expect(refused.html).toMatch(/<title>Erreur : Votre profil/);
    expect(refused.html).toMatch(/<a href="#q-profil">Choisissez une réponse\.<\/a>/);

    // The function question appears once the profile is known, and is then required.
    const partial = await b.post(`${base}/profil`, [
      ['profil', 'agent'],
      ['type_collectivite', 'commune'],
      ['taille', '20000_100000'],
    ]);
    expect(partial.status).toBe(400);
    expect(partial.html).toMatch(/href="#q-fonction_agent"/);
    expect(partial.html).toMatch(/value="agent" checked/);
    const saved = await b.post(`${base}/profil`, [
      ['profil', 'agent'],
      ['fonction_agent', 'dsi'],
      ['type_collectivite', 'commune'],
      ['taille', '20000_100000'],
    ]);
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${base}/maturite`);

    // A wrong number is shown back as typed with its message; the rest of the page is kept.
    const range = await b.post(`${base}/maturite`, [['maturite', '12']]);
    expect(range.html).toMatch(/Choisissez une note entière de 0 à 10\./);
    expect(range.html).toMatch(/Répondez pour chaque ligne\./);

    // Resumable: a new browser with the same link sees what was saved.
    const later = browser();
    expect((await later.get(base)).html).toMatch(/Votre profil<\/a> — enregistrée/);
    expect((await later.get(base)).html).toMatch(/>Reprendre</);
    expect((await later.get(`${base}/profil`)).html).toMatch(/value="dsi" checked/);

    // Sending too early lists what is missing, page by page.
    await later.get(`${base}/envoi`);
    const early = await later.post(`${base}/envoi`, []);
    expect(early.status).toBe(400);
    expect(early.html).toMatch(/Maturité et satisfaction\s: Choisissez une note de 0 à 10\./);

    const answers = generatedResponse(questionnaire, seededRandom(1));
    for (const page of questionnaire.pages.slice(1)) {
      await later.get(`${base}/${page.name}`);
      const posted = await later.post(`${base}/${page.name}`, pageFormFields(page, answers[page.name] ?? {}));
      expect(
        posted.status,
        `${page.name}: ${posted.html.match(/govuk-error-message[^<]*<[^>]*>[^<]*<\/span>([^<]*)/)?.[1]}`,
      ).toBe(303);
    }
    await later.get(`${base}/envoi`);
    const sent = await later.post(`${base}/envoi`, []);
    expect(sent.html).toMatch(/Merci\s: vos réponses .* ont été envoyées le 21 novembre 2026/);
    // A second submit changes nothing and says so; the pages now only thank.
    const again = await later.post(`${base}/envoi`, []);
    expect(again.html).toMatch(/avaient déjà été envoyées le 21 novembre 2026/);
    expect((await later.get(`${base}/maturite`)).html).toMatch(/Réponses envoyées/);
    const rows = await world.database.db.selectFrom('survey_recipients').select('submitted_at').execute();
    expect(rows.filter((r) => r.submitted_at !== null)).toHaveLength(1);
  });

  it('refuses unknown links and throttles a client that guesses them', async () => {
    const guesser = browser('198.51.100.66');
    for (let i = 0; i < 20; i++)
      expect((await guesser.get(`/enquete/devine${i}xxxxxxxxxxxxxxxxxxxxxxxx`)).status).toBe(404);
    const throttled = await guesser.get(`/enquete/${world.tokens[1]}`);
    expect(throttled.status).toBe(429);
    expect(throttled.html).toMatch(/Trop de liens inconnus/);
  });

  it('publishes results with anonymised responses, and closes links at the closing date', async () => {
    const page = await browser().get('/enquetes/maturite-2026');
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/Enquête en cours\s: ces résultats sont provisoires/);
    expect(page.html).toMatch(/1 réponse complète analysée/);
    expect(page.html).toMatch(/Moins de 5 réponses : pas de chiffre publié/);
    const csv = await browser().get('/enquetes/maturite-2026/reponses.csv');
    expect(csv.html.split('\r\n').filter(Boolean)).toHaveLength(2);
    expect(csv.html).not.toMatch(/@/);
    expect(page.html).toMatch(/href="\/enquetes\/maturite-2026\/reponses\.xlsx"/);
    const xlsx = await world.app.request('/enquetes/maturite-2026/reponses.xlsx');
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.getWorksheet('reponses')?.rowCount).toBe(2);
    expect((await world.app.request('/enquetes/inconnue/reponses.xlsx')).status).toBe(404);
    expect((await browser().get('/enquetes/inconnue')).status).toBe(404);

    world.clock.now = new Date(SURVEY_CLOSES.getTime() + 60_000);
    try {
      expect((await browser().get(`/enquete/${world.tokens[2]}`)).html).toMatch(/Enquête close/);
    } finally {
      world.clock.now = SURVEY_NOW;
    }
  });
});
