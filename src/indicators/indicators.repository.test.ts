import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINES } from '../../test/support/databases.ts';
import { createEditionRow, createReferential, T0 } from '../../test/support/indicator-world.ts';
import type { Database } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { loadAuthorityIndicators, writeAuthorityIndicators } from './indicators.repository.ts';
import type { AuthorityIndicators } from './indicators.types.ts';

/**
 * Storage of an edition's indicators, with more authorities than one PostgreSQL batch holds, so
 * that the pipelined batches (one written while the previous one is inserted) and the last,
 * partial one all run; and a batch that fails after others were sent.
 */

const AUTHORITIES = 9_001;

function indicatorsOf(authorityId: number, i: number): AuthorityIndicators {
  const populated = i % 7 !== 0;
  return {
    authorityId,
    code: `C${i}`,
    name: `Commune ${i}`,
    kind: 'commune',
    peerGroup: populated ? `commune:${i % 5}` : null,
    population: populated ? 100 + i : null,
    operatingRevenue: i % 3 === 0 ? null : 1000.5 * i,
    revenueYear: i % 3 === 0 ? null : 2025,
    revenuePerInhabitant: populated && i % 3 !== 0 ? (1000.5 * i) / (100 + i) : null,
    hasWebsite: i % 2 === 0,
    servicesApplicable: 40,
    servicesAssessed: i % 40,
    levels: [40 - (i % 40), i % 40, 0, 0, 0],
    endToEnd: 0,
    partial: 0,
    themesApplicable: 2,
    themesCovered: i % 3,
    // A key with the characters the array literal must escape.
    themeRates: {
      'etat-civil': { applicable: 30, digitalised: i % 30, endToEnd: 0 },
      'q"\\': { applicable: 10, digitalised: 0, endToEnd: 0 },
    },
    portalScore: i % 4 === 0 ? null : (i % 100) + 0.25,
    portalChecks: i % 4 === 0 ? 0 : 8,
    index: (i % 1000) / 10,
    indexPartial: i % 4 === 0,
    rank: i + 1,
    rankTotal: AUTHORITIES,
    peerRank: populated ? 1 + Math.floor(i / 5) : null,
    peerTotal: populated ? 1 + Math.floor(AUTHORITIES / 5) : null,
    percentile: i / AUTHORITIES,
    change:
      i % 2 === 0
        ? {
            previousIndex: 12.5,
            indexChange: (i % 1000) / 10 - 12.5,
            previousEndToEnd: 3,
            endToEndChange: -3,
            status: 'comparable',
          }
        : {
            previousIndex: null,
            indexChange: null,
            previousEndToEnd: null,
            endToEndChange: null,
            status: 'new',
          },
  };
}

describe.each(TEST_ENGINES)('authority indicators storage (%s)', (engine) => {
  let database: Database;
  let editionId: number;
  let authorityIds: number[];

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const { db } = database;
    await createReferential(db, '2026.1');
    editionId = await createEditionRow(db, 2026, '2026.1');
    authorityIds = [];
    for (let start = 0; start < AUTHORITIES; start += 500) {
      const rows = await db
        .insertInto('authorities')
        .values(
          Array.from({ length: Math.min(500, AUTHORITIES - start) }, (_, k) => ({
            kind: 'commune' as const,
            code: `C${start + k}`,
            siren: null,
            name: `Commune ${start + k}`,
            region_code: null,
            departement_code: null,
            epci_siren: null,
            council_id: null,
            competences: '["commune"]',
            population: null,
            population_year: null,
            status_note: null,
            created_at: T0.toISOString(),
            updated_at: T0.toISOString(),
          })),
        )
        .returning('id')
        .execute();
      authorityIds.push(...rows.map((r) => r.id));
    }
  });

  afterAll(async () => {
    await database?.close();
  });

  it('reads back every row as written', async () => {
    const written = authorityIds.map((id, i) => indicatorsOf(id, i));
    await inTransaction(database.db, (trx) => writeAuthorityIndicators(trx, editionId, written));
    expect(await storedById()).toEqual(new Map(written.map((a) => [a.authorityId, a])));
  });

  it('writes over the stored rows and deletes those of authorities no longer given', async () => {
    // Every row changes; the first authority and one in the last batch leave the panel.
    const rewritten = authorityIds
      .map((id, i) => ({ ...indicatorsOf(id, i + 1), authorityId: id, code: `C${i}`, name: `Commune ${i}` }))
      .filter((_, i) => i !== 0 && i !== 8_999);
    await inTransaction(database.db, (trx) => writeAuthorityIndicators(trx, editionId, rewritten));
    expect(await storedById()).toEqual(new Map(rewritten.map((a) => [a.authorityId, a])));
    await database.db.deleteFrom('authority_indicators').execute();
  });

  async function storedById(): Promise<Map<number, AuthorityIndicators>> {
    const read = await loadAuthorityIndicators(database.db, editionId);
    return new Map(read.map((a) => [a.authorityId, a]));
  }

  it('rejects with the failing batch’s error and writes nothing when a late row is refused', async () => {
    const written = authorityIds.map((id, i) => indicatorsOf(id, i));
    // An authority that does not exist, in the second PostgreSQL batch, while the third is written.
    written[4_500] = indicatorsOf(-1, 4_500);
    await expect(
      inTransaction(database.db, (trx) => writeAuthorityIndicators(trx, editionId, written)),
    ).rejects.toThrow(/foreign key|FOREIGN KEY/);
    const { n } = await database.db
      .selectFrom('authority_indicators')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(0);
  });
});
