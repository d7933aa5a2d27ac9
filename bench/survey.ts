/**
 * Survey analysis benchmark (issue « Surveys », closing note): 10,000 generated, submitted
 * responses to the « Maturité numérique » questionnaire from agents and elected officials of
 * 6,000 generated authorities, analysed in full — load, raking to kind × size × région, every
 * question's frequencies or means, and every cross-tab by profile, kind and size with its
 * chi-square test — next to the floor: one bare SQL GROUP BY over the same responses (the
 * maturity score by profile, read from the stored JSON).
 *
 *   npm run bench:survey [-- --runs 3 --responses 10000 --seed 2026]
 *
 * SQLite (the embedded engine). Figures are medians of --runs; the last line sums up:
 *   bench:survey analysis_s=… floor_s=… ratio=… target=met|missed
 * Target: the whole analysis under 2 s, and cheaper than one bare GROUP BY per cross-tab
 * (ratio below the number of cross-tabs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openSqlite } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { AuthorityKind } from '../src/db/schema.ts';
import { analyseCampaign } from '../src/surveys/analysis/survey-analysis.service.ts';
import { createCampaign } from '../src/surveys/campaigns.service.ts';
import { generatedResponse, seededRandom } from '../test/support/survey-answers.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    responses: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '2026' },
  },
});
const runs = Number(values.runs);
const responses = Number(values.responses);
const random = seededRandom(Number(values.seed));
const TARGET_SECONDS = 2;
const NOW = new Date('2026-11-21T10:00:00Z');

const seconds = (ms: number) => (ms / 1000).toFixed(3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-survey-'));
const database = openSqlite(path.join(dir, 'bench.sqlite'));
try {
  const { db } = database;
  await migrateToLatest(db);
  const generation = await timed(async () => {
    // Authorities: 18 régions, 101 départements, 1,200 EPCI, the rest communes, with
    // populations spread over the size bands.
    const regions = Array.from({ length: 18 }, (_, i) => String(11 + i * 5));
    const kinds: [AuthorityKind, number][] = [
      ['region', 18],
      ['departement', 101],
      ['epci', 1200],
      ['commune', 4681],
    ];
    const rows = kinds.flatMap(([kind, count]) =>
      Array.from({ length: count }, (_, i) => ({
        kind,
        code: `${kind.slice(0, 3)}${i}`,
        name: `${kind} ${i}`,
        region_code: kind === 'region' ? (regions[i] ?? null) : (regions[i % regions.length] ?? null),
        competences: '[]',
        population: Math.round(10 ** (2 + random() * 4.5)),
        created_at: NOW.toISOString(),
        updated_at: NOW.toISOString(),
      })),
    );
    for (let start = 0; start < rows.length; start += 500)
      await db
        .insertInto('authorities')
        .values(rows.slice(start, start + 500))
        .execute();
    const campaign = await createCampaign(
      db,
      {
        slug: 'bench',
        template: 'maturite-numerique',
        edition: '2026',
        closesAt: new Date('2027-01-01'),
        by: 'bench',
      },
      NOW,
    );
    const ids = (await db.selectFrom('authorities').select('id').execute()).map((r) => r.id);
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < responses; i++) {
        const profile = random() < 0.6 ? 'agent' : 'elu';
        const { id } = await trx
          .insertInto('survey_recipients')
          .values({
            campaign_id: campaign.id,
            authority_id: ids[i % ids.length] as number,
            email: `r${i}@bench.example`,
            profile,
            invited_at: NOW.toISOString(),
            submitted_at: NOW.toISOString(),
            created_at: NOW.toISOString(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const pages = generatedResponse(campaign.questionnaire, random);
        if (pages.profil) pages.profil.profil = profile;
        await trx
          .insertInto('survey_answers')
          .values(
            Object.entries(pages).map(([page, answers]) => ({
              recipient_id: id,
              page,
              answers: JSON.stringify(answers),
              saved_at: NOW.toISOString(),
            })),
          )
          .execute();
      }
    });
  });
  console.log(`sqlite: ${responses.toLocaleString('fr-FR')} responses generated in ${seconds(generation)} s`);

  const analyses: number[] = [];
  const floors: number[] = [];
  let crossTabs = 0;
  for (let run = 1; run <= runs; run++) {
    const floorMs = await timed(() =>
      sql`select r.profile, json_extract(s.answers, '$.maturite') as score, count(*) as n
          from survey_answers s join survey_recipients r on r.id = s.recipient_id
          where s.page = 'maturite' and r.submitted_at is not null
          group by r.profile, score`.execute(db),
    );
    let summary = '';
    const analysisMs = await timed(async () => {
      const { analysis } = await analyseCampaign(db, 'bench');
      crossTabs = analysis.crossTabs.length;
      summary = `${analysis.respondents} respondents, ${analysis.questions.length} questions, ${crossTabs} cross-tabs, weighted by ${analysis.weighting.dimensions.join('+')} (deff ${analysis.weighting.designEffect?.toFixed(2)})`;
    });
    analyses.push(analysisMs);
    floors.push(floorMs);
    console.log(
      `  run ${run}: analysis ${seconds(analysisMs)} s (${summary}), floor ${seconds(floorMs)} s, ratio ${(analysisMs / floorMs).toFixed(1)}`,
    );
  }
  const analysisMs = median(analyses);
  const floorMs = median(floors);
  const ratio = analysisMs / floorMs;
  const met = analysisMs < TARGET_SECONDS * 1000 && ratio < crossTabs;
  console.log(
    `summary (medians): analysis ${seconds(analysisMs)} s for ${crossTabs} cross-tabs, floor ${seconds(floorMs)} s`,
  );
  console.log(
    `bench:survey analysis_s=${seconds(analysisMs)} floor_s=${seconds(floorMs)} ratio=${ratio.toFixed(2)} target=${met ? 'met' : 'missed'}`,
  );
} finally {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
