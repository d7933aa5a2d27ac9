import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnsweredCampaign } from '../../../test/support/answered-campaign.ts';
import { TEST_ENGINES } from '../../../test/support/databases.ts';
import { T0 } from '../../../test/support/indicator-world.ts';
import { createReportWorld } from '../../../test/support/report-world.ts';
import type { Database } from '../../db/database.ts';
import { listAuthorityIndicators } from '../../indicators/indicators.service.ts';
import { mean, median } from '../../indicators/statistics/descriptive.ts';
import { formatDecimal, formatInteger, frenchTypography } from '../../shared/french-typography.ts';
import { campaignResults } from '../../surveys/analysis/campaign-results.service.ts';
import { getCampaign } from '../../surveys/campaigns.repository.ts';
import { recipientGroupCounts } from '../../surveys/response-rates.query.ts';
import { responseRates } from '../../surveys/response-rates.rules.ts';
import { pct } from '../../web/components/survey-question-result.tsx';
import { loadReportData } from './report.service.ts';
import { generateReport } from './report-generate.ts';
import { REPORT_SECTIONS, reportSectionKeys } from './report-sections.ts';

/** The world has neither survey responses nor published initiatives until a test adds them. */
const NONE = { surveys: false, initiatives: false };

/**
 * pdftotext and the HTML differ only in spacing (narrow no-break spaces, line ends; the narrow
 * space before « % » is sometimes dropped).
 */
const normalise = (text: string) =>
  text
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .replace(/ %/g, '%')
    .trim();

// The site's stylesheet is compiled once for every test file that shares this cache.
const CSS_CACHE = path.join(os.tmpdir(), 'barometre-test-stylesheet');

describe.each(TEST_ENGINES)('edition report (%s)', (engine) => {
  let database: Database;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barometre-report-'));

  beforeAll(async () => {
    database = await createReportWorld(engine);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const generate = (format: 'html' | 'pdf') =>
    generateReport(database.db, {
      year: 2026,
      format,
      out: path.join(dir, `rapport.${format}`),
      cacheDir: CSS_CACHE,
      now: T0,
    });

  it('writes a self-contained HTML document: no script, no external resource, every section listed', async () => {
    await generate('html');
    const html = fs.readFileSync(path.join(dir, 'rapport.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html><html lang="fr"/);
    expect(html).not.toMatch(/<script|<link |src="http|url\(http/);
    for (const key of reportSectionKeys(NONE)) {
      expect(html).toContain(`<a class="govuk-link" href="#section-${key}">`);
      expect(html).toContain(`id="section-${key}"`);
    }
    // No initiative published, no survey response: no such chapters, and the method says so.
    expect(html).not.toContain('id="section-initiatives"');
    expect(html).not.toContain('id="section-surveys"');
    expect(html).toContain('Aucune enquête de cette édition n’a reçu de réponse');
    expect(html.match(/<svg/g)?.length).toBeGreaterThanOrEqual(5);
  });

  it('prints a PDF whose pages, titles and summary figures match the stored indicators', async () => {
    await generate('pdf');
    const pdf = path.join(dir, 'rapport.pdf');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
    // The cover and contents, then one page at least per chapter.
    expect(pages).toBeGreaterThanOrEqual(1 + reportSectionKeys(NONE).length);
    expect(pages).toBeLessThan(30);
    execFileSync('pdftoppm', ['-r', '40', '-png', pdf, path.join(dir, 'page')]);
    const images = fs.readdirSync(dir).filter((f) => /^page-\d+\.png$/.test(f));
    expect(images).toHaveLength(pages);
    for (const image of images) expect(fs.statSync(path.join(dir, image)).size).toBeGreaterThan(1000);

    const text = normalise(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }));
    for (const key of reportSectionKeys(NONE)) expect(text).toContain(normalise(REPORT_SECTIONS[key]));
    expect(text).not.toContain(REPORT_SECTIONS.surveys);
    expect(text).toContain(`Page 1 sur ${pages}`);
    expect(text).toContain('Baromètre 2026 — rapport de l’édition');

    const data = await loadReportData(database.db, 2026, T0);
    for (const section of data.findings) {
      for (const sentence of section.sentences) expect(text).toContain(normalise(frenchTypography(sentence)));
    }
    // Key figures recomputed here from the authorities' stored rows, not from the aggregates.
    const rows = await listAuthorityIndicators(database.db, 2026);
    for (const kind of ['departement', 'commune'] as const) {
      const members = rows.filter((a) => a.kind === kind);
      const portal = members.map((a) => a.portalScore).filter((s): s is number => s !== null);
      const expected = [
        `Collectivités du panel ${formatInteger(members.length)}`,
        `Avec au moins une démarche en ligne ${formatInteger(members.filter((a) => a.partial + a.endToEnd > 0).length)}`,
        `Services de bout en bout (médiane) ${formatDecimal(median(members.map((a) => a.endToEnd)) ?? 0, 1)}`,
        `Indice moyen (sur 100) ${formatDecimal(mean(members.map((a) => a.index)) ?? 0, 1)}`,
        `Qualité moyenne des portails (sur 100) ${portal.length === 0 ? 'non mesurée' : formatDecimal(mean(portal) ?? 0, 1)}`,
      ];
      for (const figure of expected) expect(text).toContain(normalise(figure));
    }
    expect(rows.filter((a) => a.kind === 'departement')).toHaveLength(6);
    expect(text).not.toContain('Données simulées');
  }, 60_000);

  it('prints the survey chapter and method lines when a campaign of the edition has responses', async () => {
    // Two recipients per authority of the world (6 départements, Paris), 10 of the 14 answer.
    const codes = ['01', '02', '03', '04', '05', '06', '75056'];
    await createAnsweredCampaign(database.db, {
      slug: 'e-services-2026',
      template: 'e-services',
      edition: '2026',
      recipients: `Code;Courriel\n${codes.flatMap((c) => [`${c};dgs${c}@x.example`, `${c};dsi${c}@x.example`]).join('\n')}\n`,
      submit: 10,
      now: T0,
      profile: 'collectivite',
    });
    await generate('pdf');
    const pdf = path.join(dir, 'rapport.pdf');
    const text = normalise(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }));
    for (const key of reportSectionKeys({ surveys: true, initiatives: false }))
      expect(text).toContain(normalise(REPORT_SECTIONS[key]));

    // The rates as the survey service computes them for /enquetes/{slug}.
    const campaign = await getCampaign(database.db, 'e-services-2026');
    const rates = responseRates(await recipientGroupCounts(database.db, campaign.id));
    expect(rates.total).toMatchObject({ invited: 14, submitted: 10 });
    expect(text).toContain(normalise(`Ensemble 14 10 ${pct(rates.total.rate)}`));
    expect(text).toContain(normalise('taux de réponse de 71 %'));
    for (const line of rates.byKind)
      expect(text).toContain(normalise(`${line.label} ${line.invited} ${line.submitted} ${pct(line.rate)}`));

    const { analysis, findings } = await campaignResults(database.db, 'e-services-2026');
    for (const sentence of findings) expect(text).toContain(normalise(frenchTypography(sentence)));
    expect(text).toContain('Questions clés');
    // Closing after the report was produced: said to be provisional, as on the site.
    expect(text).toContain('en cours jusqu’au 21 décembre 2026 : résultats provisoires');
    // Free text is counted, never printed.
    expect(
      analysis.questions.find((q) => q.question.name === 'commentaire')?.freeTextAnswers,
    ).toBeGreaterThan(0);
    expect(text).not.toContain('Un commentaire libre');
  }, 60_000);

  it('warns on the cover and in the method when the edition was audited on the simulated farm', async () => {
    await database.db
      .updateTable('audit_runs')
      .set({ options: JSON.stringify({ simulated: true }) })
      .execute();
    await generate('html');
    const html = fs.readFileSync(path.join(dir, 'rapport.html'), 'utf8');
    expect(html.match(/<strong>Données simulées\.<\/strong> 1 site\(s\) de cette édition/g)).toHaveLength(2);
  });
});
