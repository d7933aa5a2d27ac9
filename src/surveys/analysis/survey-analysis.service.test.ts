import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnsweredCampaign } from '../../../test/support/answered-campaign.ts';
import { createSampleAuthorities, type SampleAuthority } from '../../../test/support/authority-factory.ts';
import { authorityIndicators } from '../../../test/support/authority-indicators.ts';
import { createTestDatabase, TEST_ENGINES } from '../../../test/support/databases.ts';
import { createEditionRow } from '../../../test/support/editions.ts';
import type { Database } from '../../db/database.ts';
import { writeAuthorityIndicators } from '../../indicators/indicators.repository.ts';
import { surveyFindings } from './findings.rules.ts';
import { analyseCampaign } from './survey-analysis.service.ts';

const NOW = new Date('2026-11-21T10:00:00.000Z');
const AUDITED: SampleAuthority[] = ['ain', 'vaucluse', 'corseDuSud', 'bourg', 'ajaccio', 'abergement'];

/** The e-services survey of six audited authorities, compared with what their audit observed. */
describe.each(TEST_ENGINES)('survey analysis joined to the audit on %s', (engine) => {
  let database: Database;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const { db } = database;
    const ids = await createSampleAuthorities(db);
    await db
      .insertInto('referential_versions')
      .values({ version: 't', checksum: 'x', loaded_at: NOW.toISOString() })
      .execute();
    const edition = await createEditionRow(db, 2026, 't');
    // Observed: 2 services of 10 end to end everywhere (0.2), the Ajaccio audit not computed.
    await writeAuthorityIndicators(
      db,
      edition,
      AUDITED.filter((a) => a !== 'ajaccio').map((a) =>
        authorityIndicators({ authorityId: ids[a], servicesApplicable: 10, endToEnd: 2 }),
      ),
    );
    const codes = ['01', '84', '2A', '01053', '2A004', '01001', '200071751'];
    await createAnsweredCampaign(db, {
      slug: 'e-services-2026',
      template: 'e-services',
      edition: '2026',
      recipients: `Code;Type;Courriel\n${codes.map((c, i) => `${c};${c.length === 2 ? 'departement' : c.length === 9 ? 'epci' : 'commune'};dgs${i}@x.example`).join('\n')}\n`,
      submit: codes.length,
      now: NOW,
      profile: 'collectivite',
      // Every service declared totally online except état civil: declared 7 / 8 = 0.875.
      adjust: (pages) => {
        const services = { ...(pages.services?.dematerialisation as Record<string, string>) };
        for (const row of Object.keys(services)) services[row] = row === 'etat_civil' ? 'aucune' : 'totale';
        return { ...pages, services: { dematerialisation: services } };
      },
    });
  });
  afterAll(async () => database.close());

  it('gives the gap for authorities both surveyed and audited, and says it in French', async () => {
    const { analysis } = await analyseCampaign(database.db, 'e-services-2026');
    expect(analysis.respondents).toBe(7);
    // Five audited respondents (Ajaccio has no indicators, the EPCI was not audited): 87.5 − 20.
    expect(analysis.gap).toMatchObject({ authorities: 5 });
    expect(analysis.gap?.meanGapPoints).toBeCloseTo(67.5, 10);
    expect(surveyFindings(analysis).join('\n')).toMatch(
      /Pour les 5 collectivités à la fois interrogées et auditées, la part des services entièrement en ligne déclarée dépasse de 67,5 points en moyenne celle observée par l’audit/,
    );
  });
});
