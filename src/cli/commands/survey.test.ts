import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured, temporaryDataDir } from '../../../test/support/cli.ts';
import { generatedResponse, seededRandom } from '../../../test/support/survey-answers.ts';
import { linkIn, recipientsCsv } from '../../../test/support/surveys.ts';
import { openSqlite } from '../../db/database.ts';
import { openLink, savePage, submitResponse } from '../../surveys/responses.service.ts';

const NOW = new Date('2026-11-21T12:00:00Z');
const ENV = { BAROMETRE_PUBLIC_URL: 'https://barometre.example' };

/** A survey campaign end to end through the CLI, on the embedded database with real territories. */
describe('barometre survey', () => {
  let dataDir: string;
  const run = (...argv: string[]) => runCliCaptured(argv, { dataDir, env: ENV, now: NOW });

  beforeAll(async () => {
    dataDir = temporaryDataDir();
    const imported = await run('import', 'territories');
    if (imported.code !== 0) throw new Error(imported.stderr);
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('runs a campaign: create, import recipients, invite, answer, remind, status and results', async () => {
    const created = await run(
      'survey',
      'create',
      'maturite-2026',
      '--template',
      'maturite-numerique',
      '--edition',
      '2026',
      '--closes',
      '2026-12-31',
      '--by',
      'admin@barometre.example',
    );
    expect(created.stderr).toBe('');
    expect(created.stdout).toMatch(/Enquête « .* » créée : maturite-2026\.\n.*5 pages, 14 questions/);

    const bad = await run(
      'survey',
      'import-recipients',
      'maturite-2026',
      recipientsCsv('Code;Courriel\n01;x\n'),
    );
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/ligne 2, colonne « Courriel » : « x » n’est pas une adresse électronique/);

    // Twenty départements, an agent and an elected official each.
    const codes = [
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '08',
      '09',
      '10',
      '11',
      '12',
      '13',
      '14',
      '15',
      '16',
      '17',
      '18',
      '19',
      '21',
    ];
    const lines = codes.flatMap((code) => [
      `${code};dgs@cd${code}.example;agent`,
      `${code};elu@cd${code}.example;élu`,
    ]);
    const imported = await run(
      'survey',
      'import-recipients',
      'maturite-2026',
      recipientsCsv(`Code;Courriel;Profil\n${lines.join('\n')}\n`),
      '--kind',
      'departement',
    );
    expect(imported.stdout).toMatch(/ajoutés\s+40/);

    expect((await run('survey', 'send', 'maturite-2026')).stdout).toMatch(/^40 invitation\(s\) envoyée\(s\)/);
    const outbox = path.join(dataDir, 'outbox');
    const mails = fs.readdirSync(outbox).map((name) => fs.readFileSync(path.join(outbox, name), 'utf8'));
    expect(mails).toHaveLength(40);

    // Thirty of them answer (through the same services as the web pages).
    const database = openSqlite(path.join(dataDir, 'barometre.sqlite'));
    const random = seededRandom(7);
    for (const mail of mails.slice(0, 30)) {
      const opened = await openLink(database.db, linkIn(mail), '203.0.113.9', NOW);
      if (opened.status !== 'ok') throw new Error(opened.status);
      let response = opened.response;
      for (const [page, answers] of Object.entries(
        generatedResponse(response.campaign.questionnaire, random),
      )) {
        const saved = await savePage(database.db, response, page, answers, NOW);
        expect(saved.problems).toEqual([]);
        response = { ...response, answers: saved.answers };
      }
      expect((await submitResponse(database.db, response.recipientId, NOW)).status).toBe('submitted');
    }
    await database.close();

    expect((await run('survey', 'remind', 'maturite-2026')).stdout).toMatch(/^10 relance\(s\) envoyée\(s\)/);

    const status = await run('survey', 'status', 'maturite-2026');
    expect(status.stdout).toMatch(/Ensemble\s+40\s+40\s+30\s+75 %/);
    expect(status.stdout).toMatch(/Agents\s+20\s+20/);
    expect(status.stdout).toMatch(/Auvergne-Rhône-Alpes/);

    const results = await run('survey', 'results', 'maturite-2026');
    expect(results.code).toBe(0);
    expect(results.stdout).toMatch(/30 réponses complètes analysées\./);
    // Départements only, from a few régions: the régions with few or no respondents (Île-de-France
    // has none of the départements invited) are weighted together; no size band below 100 000 is
    // represented, so the size is left out, and said why.
    expect(results.stdout).toMatch(
      /redressées sur la population de 101 collectivités par type, région \(effet de plan /,
    );
    expect(results.stdout).toMatch(/redressement sans la taille : « size = 20000-99999 » : aucun répondant/);
    expect(results.stdout).toMatch(
      /région\(s\) de moins de 5 répondants, redressées ensemble : [^)]*Île-de-France/,
    );
    expect(results.stdout).toMatch(/sur 10 en moyenne \(IC 95\u202f% : /);
    expect(results.stdout).toMatch(/selon le profil du répondant/);

    const csv = await run('survey', 'results', 'maturite-2026', '--format', 'csv');
    const [header, ...rows] = csv.stdout.trim().split('\r\n');
    expect(header).toMatch(/^reponse;type_collectivite;taille;region;profil;poids;profil;fonction_agent/);
    expect(rows).toHaveLength(30);
    expect(csv.stdout).not.toMatch(/@|commentaire|Un commentaire libre/);

    // The same anonymised table as a workbook: one row per response, numbers as numbers.
    expect((await run('survey', 'results', 'maturite-2026', '--format', 'xlsx')).stderr).toMatch(/--out/);
    const out = path.join(dataDir, 'reponses.xlsx');
    const xlsx = await run('survey', 'results', 'maturite-2026', '--format', 'xlsx', '--out', out);
    expect(xlsx.stdout).toMatch(/30 réponse\(s\) anonymisée\(s\) écrite\(s\)/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet('reponses');
    expect(sheet?.rowCount).toBe(31);
    expect(sheet?.getRow(1).values).toEqual([undefined, ...(header ?? '').split(';')]);
    expect(typeof sheet?.getRow(2).getCell(1).value).toBe('number');
    expect(workbook.getWorksheet('dictionnaire')?.rowCount).toBeGreaterThan(6);
    const cells = sheet?.getSheetValues().flat().map(String).join(' ') ?? '';
    expect(cells).not.toMatch(/@|Un commentaire libre/);
  });

  it('says what is missing, with the exit codes of the README', async () => {
    expect((await run('survey', 'status', 'inconnue')).code).toBe(4);
    const noUrl = await runCliCaptured(['survey', 'send', 'maturite-2026'], { dataDir, now: NOW });
    expect(noUrl.code).toBe(7);
    expect(noUrl.stderr).toMatch(/BAROMETRE_PUBLIC_URL/);
    const unknownTemplate = await run(
      'survey',
      'create',
      'autre-2026',
      '--template',
      'x',
      '--edition',
      '2026',
      '--closes',
      '2026-12-31',
      '--by',
      'a@b.example',
    );
    expect(unknownTemplate.code).toBe(4);
    expect(unknownTemplate.stderr).toMatch(/Disponibles : e-services \(2026\) ; maturite-numerique \(2026\)/);
  });
});
