import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINES } from '../../../test/support/databases.ts';
import { createReviewWorld, type ReviewWorld, T0 } from '../../../test/support/review-world.ts';
import { refusal } from '../../../test/support/user-error.ts';
import { confirmAssessment } from '../../assessments/review.service.ts';
import { COLUMN_COMMENTS } from '../../db/column-comments.ts';
import {
  computeEditionIndicators,
  editionIndicatorRun,
  listAuthorityIndicators,
} from '../../indicators/indicators.service.ts';
import { assessmentsDataset } from './datasets/assessments.dataset.ts';
import { authoritiesDataset } from './datasets/authorities.dataset.ts';
import type { Dataset } from './datasets/dataset.ts';
import { exportEdition } from './export.service.ts';
import { writeXlsx } from './xlsx-export.ts';

const now = new Date('2026-12-02T10:00:00Z');

function scratchDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'barometre-export-'));
}

function readCsv(file: string): Record<string, string>[] {
  const text = fs.readFileSync(file, 'utf8');
  expect(text.charCodeAt(0)).not.toBe(0xfeff);
  return parse(text, { columns: true });
}

describe.each(TEST_ENGINES)('open-data export on %s', (engine) => {
  let world: ReviewWorld;
  let rsaId: number;
  let apaId: number;
  const year = 2026;

  beforeAll(async () => {
    world = await createReviewWorld(engine);
    const editionId = await world.edition(year);
    const assessed = await world.authority();
    const withFinances = await world.authority();
    await world.authority(); // not assessed in the edition: not exported
    await world.db
      .updateTable('authorities')
      .set({ population: 523_000, population_year: 2023 })
      .where('id', '=', assessed)
      .execute();
    await world.db
      .insertInto('authority_finances')
      .values([
        {
          authority_id: withFinances,
          year: 2024,
          operating_revenue: 410_000_000.5,
          source: 'test',
          imported_at: T0.toISOString(),
        },
        {
          authority_id: withFinances,
          year: 2025,
          operating_revenue: 420_500_000,
          source: 'test',
          imported_at: T0.toISOString(),
        },
        // After the edition's year: not the one published with it.
        {
          authority_id: withFinances,
          year: 2027,
          operating_revenue: 999,
          source: 'test',
          imported_at: T0.toISOString(),
        },
      ])
      .execute();
    await world.db
      .insertInto('authority_websites')
      .values([
        {
          authority_id: assessed,
          url: 'https://ancien.example.fr/',
          source: 'test',
          added_at: T0.toISOString(),
          retired_at: T0.toISOString(),
        },
        {
          authority_id: assessed,
          url: 'https://www.t1.example.fr/',
          source: 'test',
          added_at: T0.toISOString(),
          retired_at: null,
        },
      ])
      .execute();
    rsaId = (
      await world.propose({ editionId, authorityId: assessed, service: 'rsa', level: 4, confidence: 0.91 })
    ).id;
    await world.db
      .updateTable('assessments')
      .set({
        evidence: JSON.stringify({
          pages: [
            {
              url: 'https://www.t1.example.fr/rsa',
              phrases: ['revenu de solidarité active'],
              signals: ['online_procedure: faire ma demande en ligne'],
            },
            {
              url: 'https://www.t1.example.fr/aides',
              phrases: ['rsa', 'revenu de solidarité active'],
              signals: [],
            },
          ],
        }),
      })
      .where('id', '=', rsaId)
      .execute();
    const apa = await world.propose({
      editionId,
      authorityId: withFinances,
      service: 'apa',
      level: 1,
      confidence: null,
    });
    apaId = (
      await confirmAssessment(
        world.db,
        { assessmentId: apa.id, reviewer: 'anne@example.fr', comment: 'Vu sur le site' },
        T0,
      )
    ).assessment.id;
  });
  afterAll(async () => world.database.close());

  it('writes CSV in UTF-8 with one Table Schema per file whose descriptions are the column comments', async () => {
    const outDir = scratchDir();
    const { files, skipped } = await exportEdition(world.db, {
      year,
      format: 'csv',
      outDir,
      now,
      licence: 'etalab-2.0',
    });
    expect(skipped).toEqual(['indicateurs', 'thematiques', 'correlations']);
    expect(files.map((file) => path.basename(file.path)).sort()).toEqual([
      'collectivites.csv',
      'collectivites.schema.json',
      'datapackage.json',
      'evaluations.csv',
      'evaluations.schema.json',
    ]);
    expect(files.find((file) => file.path.endsWith('evaluations.csv'))?.rows).toBe(2);

    const authorities = readCsv(path.join(outDir, 'collectivites.csv'));
    expect(authorities.map((row) => row.code_collectivite)).toEqual(['T1', 'T2']);
    expect(authorities[0]).toMatchObject({
      type_collectivite: 'departement',
      population: '523000',
      annee_population: '2023',
      site_internet: 'https://www.t1.example.fr/',
      recettes_fonctionnement: '',
    });
    expect(authorities[1]).toMatchObject({
      recettes_fonctionnement: '420500000',
      annee_recettes: '2025',
      population: '',
    });

    const assessments = readCsv(path.join(outDir, 'evaluations.csv'));
    const rsa = assessments.find((row) => row.cle_service === 'rsa');
    expect(rsa).toMatchObject({
      id_evaluation: String(rsaId),
      niveau: '4',
      libelle_niveau: 'De bout en bout',
      source: 'crawler',
      revue_humaine: 'false',
      confiance: '0.91',
      expressions_reperees: 'revenu de solidarité active | rsa',
      signaux: 'online_procedure: faire ma demande en ligne',
      thematique: 'Emploi et insertion',
    });
    const apa = assessments.find((row) => row.cle_service === 'apa');
    expect(apa).toMatchObject({
      id_evaluation: String(apaId),
      source: 'analyst',
      revue_humaine: 'true',
      commentaire: 'Vu sur le site',
      confiance: '',
    });
    expect(Object.keys(apa ?? {})).not.toContain('reviewer');

    const schema = JSON.parse(fs.readFileSync(path.join(outDir, 'evaluations.schema.json'), 'utf8'));
    expect(schema.fields.map((field: { name: string }) => field.name)).toEqual(
      Object.keys(assessments[0] ?? {}),
    );
    const level = schema.fields.find((field: { name: string }) => field.name === 'niveau');
    expect(level).toMatchObject({
      type: 'integer',
      description: COLUMN_COMMENTS.assessments.level,
      constraints: { minimum: 0, maximum: 4, required: true },
    });
    expect(schema.missingValues).toEqual(['']);

    const descriptor = JSON.parse(fs.readFileSync(path.join(outDir, 'datapackage.json'), 'utf8'));
    expect(descriptor.name).toBe('barometre-2026');
    expect(descriptor.description).toMatch(/provisoire/);
    expect(descriptor.licenses[0].name).toBe('etalab-2.0');
    expect(descriptor.resources.map((r: { path: string; schema: string }) => [r.path, r.schema])).toEqual([
      ['collectivites.csv', 'collectivites.schema.json'],
      ['evaluations.csv', 'evaluations.schema.json'],
    ]);
  });

  it('writes JSON records with nulls for missing values and typed numbers', async () => {
    const outDir = scratchDir();
    await exportEdition(world.db, { year, format: 'json', outDir, now, licence: 'odbl-1.0' });
    const records = JSON.parse(fs.readFileSync(path.join(outDir, 'evaluations.json'), 'utf8'));
    expect(records).toHaveLength(2);
    expect(records.find((r: { cle_service: string }) => r.cle_service === 'rsa')).toMatchObject({
      niveau: 4,
      confiance: 0.91,
      revue_humaine: false,
      commentaire: null,
    });
    const authorities = JSON.parse(fs.readFileSync(path.join(outDir, 'collectivites.json'), 'utf8'));
    expect(authorities[1].recettes_fonctionnement).toBe(420_500_000);
    const descriptor = JSON.parse(fs.readFileSync(path.join(outDir, 'datapackage.json'), 'utf8'));
    expect(descriptor.licenses[0].name).toBe('odbl-1.0');
  });

  it('marks what came from the simulated farm, row by row and in the data package', async () => {
    const edition = await world.db
      .selectFrom('editions')
      .select('id')
      .where('year', '=', year)
      .executeTakeFirstOrThrow();
    const run = await world.db
      .insertInto('audit_runs')
      .values({
        edition_id: edition.id,
        status: 'completed',
        options: '{"simulated":true}',
        started_at: T0.toISOString(),
        finished_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const site = await world.db
      .insertInto('audit_sites')
      .values({
        run_id: run.id,
        start_url: 'https://www.t1.example.fr/',
        status: 'done',
        summary: null,
        error: null,
        started_at: null,
        finished_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rsa = await world.db
      .selectFrom('assessments')
      .select('evidence')
      .where('id', '=', rsaId)
      .executeTakeFirstOrThrow();
    await world.db
      .updateTable('assessments')
      .set({ evidence: JSON.stringify({ ...JSON.parse(rsa.evidence), auditSiteId: site.id }) })
      .where('id', '=', rsaId)
      .execute();
    try {
      const outDir = scratchDir();
      await exportEdition(world.db, { year, format: 'csv', outDir, now, licence: 'etalab-2.0' });
      const rows = readCsv(path.join(outDir, 'evaluations.csv'));
      expect(rows.map((row) => [row.cle_service, row.donnees_simulees])).toEqual([
        ['rsa', 'true'],
        ['apa', 'false'],
      ]);
      const descriptor = JSON.parse(fs.readFileSync(path.join(outDir, 'datapackage.json'), 'utf8'));
      expect(descriptor.title).toMatch(/SIMULÉES/);
      expect(descriptor.description).toMatch(/fictives/);
    } finally {
      await world.db
        .updateTable('assessments')
        .set({ evidence: rsa.evidence })
        .where('id', '=', rsaId)
        .execute();
      await world.db.deleteFrom('audit_sites').where('id', '=', site.id).execute();
      await world.db.deleteFrom('audit_runs').where('id', '=', run.id).execute();
    }
  });

  it('writes one XLSX sheet per table with typed cells and a field dictionary', async () => {
    const outDir = scratchDir();
    const {
      files: [file],
    } = await exportEdition(world.db, {
      year,
      format: 'xlsx',
      outDir,
      now,
      licence: 'etalab-2.0',
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file?.path ?? '');
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'dictionnaire',
      'collectivites',
      'evaluations',
    ]);
    const evaluations = workbook.getWorksheet('evaluations');
    if (!evaluations) throw new Error('no evaluations sheet');
    const header = (evaluations.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(assessmentsDataset.fields.map((field) => field.name));
    const levelColumn = header.indexOf('niveau') + 1;
    const dateColumn = header.indexOf('date_evaluation') + 1;
    expect(typeof evaluations.getRow(2).getCell(levelColumn).value).toBe('number');
    expect(evaluations.getRow(2).getCell(dateColumn).value).toBeInstanceOf(Date);
    const dictionary = workbook.getWorksheet('dictionnaire');
    expect(dictionary?.rowCount).toBe(
      1 + authoritiesDataset.fields.length + assessmentsDataset.fields.length,
    );
  });

  it('splits a table over numbered sheets past the row limit', async () => {
    const file = path.join(scratchDir(), 'split.xlsx');
    const edition = await world.db
      .selectFrom('editions')
      .selectAll()
      .where('year', '=', year)
      .executeTakeFirstOrThrow();
    const counts = await writeXlsx(world.db, edition, [assessmentsDataset], file, { maxRowsPerSheet: 1 });
    expect(counts.get('evaluations')).toBe(2);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheet.rowCount])).toEqual([
      ['dictionnaire', 1 + assessmentsDataset.fields.length],
      ['evaluations', 2],
      ['evaluations (2)', 2],
    ]);
  });

  it('leaves the destination as it was when an export fails midway', async () => {
    const outDir = scratchDir();
    fs.writeFileSync(path.join(outDir, 'evaluations.csv'), 'previous export\n');
    const failing: Dataset = {
      ...assessmentsDataset,
      // biome-ignore lint/correctness/useYield: fails before its first batch, like a lost connection.
      async *rows() {
        throw new Error('connection lost');
      },
    };
    await expect(
      exportEdition(world.db, {
        year,
        format: 'csv',
        outDir,
        now,
        licence: 'etalab-2.0',
        datasets: [authoritiesDataset, failing],
      }),
    ).rejects.toThrow('connection lost');
    expect(fs.readdirSync(outDir)).toEqual(['evaluations.csv']);
    expect(fs.readFileSync(path.join(outDir, 'evaluations.csv'), 'utf8')).toBe('previous export\n');
    expect(
      fs
        .readdirSync(path.dirname(outDir))
        .filter((name) => name.startsWith(`${path.basename(outDir)}.partial`)),
    ).toEqual([]);
  });

  it('adds the indicators, the theme ranking and the correlations once they are computed', async () => {
    await computeEditionIndicators(world.db, { year }, now);
    const outDir = scratchDir();
    const { files, skipped } = await exportEdition(world.db, {
      year,
      format: 'csv',
      outDir,
      now,
      licence: 'etalab-2.0',
    });
    expect(skipped).toEqual([]);
    expect(files.map((file) => path.basename(file.path))).toContain('correlations.schema.json');
    const stored = await listAuthorityIndicators(world.db, year);
    const indicators = readCsv(path.join(outDir, 'indicateurs.csv'));
    expect(indicators).toHaveLength(stored.length);
    for (const authority of stored) {
      const row = indicators.find((r) => r.code_collectivite === authority.code);
      expect(row).toMatchObject({
        indice: String(authority.index),
        rang: String(authority.rank),
        bout_en_bout: String(authority.endToEnd),
        site_internet: String(authority.hasWebsite),
      });
    }
    const run = await editionIndicatorRun(world.db, year);
    const themes = readCsv(path.join(outDir, 'thematiques.csv'));
    const expectedThemes = run.aggregates.kinds.flatMap((kind) =>
      kind.themes.map((t) => [kind.kind, t.key, String(t.rank)]),
    );
    expect(themes.map((t) => [t.type_collectivite, t.cle_thematique, t.rang])).toEqual(expectedThemes);
    const correlations = readCsv(path.join(outDir, 'correlations.csv'));
    expect(correlations).toHaveLength(run.aggregates.kinds.length * 6 * 2);
    // Two départements, one population: nothing to correlate, and the reading says why.
    expect(correlations.every((c) => c.coefficient === '' && c.lecture !== '')).toBe(true);
  });

  it('refuses an edition that does not exist', async () => {
    const error = await refusal(
      exportEdition(world.db, {
        year: 1999,
        format: 'csv',
        outDir: scratchDir(),
        now,
        licence: 'etalab-2.0',
      }),
    );
    expect(error.message).toMatch(/1999/);
  });
});

describe('the data dictionary on PostgreSQL', () => {
  it('is stored as the column comments of every described table', async () => {
    const database = await createTestDatabase('postgres');
    try {
      const { rows } = await sql<{ table_name: string; column_name: string; comment: string | null }>`
        select c.table_name, c.column_name,
               col_description(format('%I', c.table_name)::regclass, c.ordinal_position) as comment
        from information_schema.columns c
        where c.table_schema = current_schema()
      `.execute(database.db);
      const stored = new Map(rows.map((row) => [`${row.table_name}.${row.column_name}`, row.comment]));
      const expected = Object.entries(COLUMN_COMMENTS).flatMap(([table, columns]) =>
        Object.entries(columns).map(([column, comment]) => [`${table}.${column}`, comment]),
      );
      expect(expected.length).toBeGreaterThan(30);
      for (const [key, comment] of expected) expect([key, stored.get(key ?? '')]).toEqual([key, comment]);
    } finally {
      await database.close();
    }
  });
});
