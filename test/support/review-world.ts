import { appendAssessments } from '../../src/assessments/assessments.repository.ts';
import type { Database } from '../../src/db/database.ts';
import type { AssessmentRow, AuthorityKind } from '../../src/db/schema.ts';
import type { DigitalisationLevel } from '../../src/referential/levels.ts';
import { createAuthority } from './authority-factory.ts';
import { createTestDatabase, type TestEngine } from './databases.ts';
import { createEditionRow } from './editions.ts';

/**
 * A small world for review-workflow tests: one referential, editions on demand, départements
 * on demand, and crawler proposals. Each test takes its own authorities so tests sharing a
 * database do not see each other's rows.
 */

export const REFERENTIAL_VERSION = '2026.1';

const THEMES = [
  { key: 'solidarites', name: 'Solidarités' },
  { key: 'emploi-insertion', name: 'Emploi et insertion' },
] as const;

const SERVICES = {
  apa: { theme: 'solidarites', name: 'Allocation personnalisée d’autonomie', appliesTo: ['departement'] },
  rsa: { theme: 'emploi-insertion', name: 'Revenu de solidarité active', appliesTo: ['departement'] },
  fsl: { theme: 'solidarites', name: 'Fonds de solidarité logement', appliesTo: ['departement'] },
  etatCivil: { theme: 'solidarites', name: 'Actes d’état civil', appliesTo: ['commune'] },
} as const;

export type ServiceName = keyof typeof SERVICES;

export interface ReviewWorld {
  database: Database;
  db: Database['db'];
  services: Record<ServiceName, number>;
  /** A new edition (draft) of the given year. */
  edition(year: number): Promise<number>;
  /** A new authority with a unique code; a département unless said otherwise. */
  authority(kind?: AuthorityKind): Promise<number>;
  /** A crawler proposal, as the audit would append it. */
  propose(input: {
    editionId: number;
    authorityId: number;
    service: ServiceName;
    level: DigitalisationLevel;
    confidence?: number | null;
    evidenceUrl?: string;
  }): Promise<AssessmentRow>;
}

export const T0 = new Date('2026-11-21T10:00:00Z');

export async function createReviewWorld(engine: TestEngine): Promise<ReviewWorld> {
  const database = await createTestDatabase(engine);
  const { db } = database;
  await db
    .insertInto('referential_versions')
    .values({ version: REFERENTIAL_VERSION, checksum: 'test', loaded_at: T0.toISOString() })
    .execute();
  await db
    .insertInto('themes')
    .values(
      THEMES.map((theme, position) => ({
        referential_version: REFERENTIAL_VERSION,
        key: theme.key,
        name: theme.name,
        description: '',
        applies_to: '["departement","commune"]',
        position,
      })),
    )
    .execute();
  const services = {} as Record<ServiceName, number>;
  let position = 0;
  for (const [key, service] of Object.entries(SERVICES) as [ServiceName, (typeof SERVICES)[ServiceName]][]) {
    const { id } = await db
      .insertInto('services')
      .values({
        referential_version: REFERENTIAL_VERSION,
        key,
        theme_key: service.theme,
        name: service.name,
        description: '',
        applies_to: JSON.stringify(service.appliesTo),
        phrases: '[]',
        url_hints: '[]',
        position: position++,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    services[key] = id;
  }
  let authorities = 0;
  return {
    database,
    db,
    services,
    edition: (year) => createEditionRow(db, year, REFERENTIAL_VERSION, T0),
    async authority(kind = 'departement') {
      authorities += 1;
      const code = kind === 'commune' ? `99${String(authorities).padStart(3, '0')}` : `T${authorities}`;
      return createAuthority(db, { kind, code, name: `Collectivité ${authorities}` });
    },
    async propose(input) {
      const [row] = await appendAssessments(
        db,
        [
          {
            editionId: input.editionId,
            authorityId: input.authorityId,
            serviceId: services[input.service],
            level: input.level,
            source: 'crawler',
            confidence: input.confidence === undefined ? 0.8 : input.confidence,
            evidenceUrl: input.evidenceUrl ?? `https://www.example.fr/${input.service}`,
            evidence: { pages: [{ url: input.evidenceUrl ?? `https://www.example.fr/${input.service}` }] },
          },
        ],
        T0,
      );
      if (!row) throw new Error('no proposal appended');
      return row;
    },
  };
}
