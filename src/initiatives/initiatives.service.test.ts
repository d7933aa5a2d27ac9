import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSampleAuthorities, type SampleAuthority } from '../../test/support/authority-factory.ts';
import { createTestDatabase, TEST_ENGINES } from '../../test/support/databases.ts';
import { listChanges } from '../audit-log/audit-log.repository.ts';
import type { Database } from '../db/database.ts';
import { UserError } from '../shared/errors.ts';
import { analyseInitiatives } from './analysis/analysis.rules.ts';
import { publishedInitiativeDomains } from './analysis/published-domains.query.ts';
import { shippedClassifier } from './classification/shipped.ts';
import { shippedTaxonomy } from './domains.ts';
import { listInitiatives } from './initiatives.repository.ts';
import {
  getInitiative,
  moderateInitiative,
  overrideDomains,
  submitInitiative,
} from './initiatives.service.ts';

const SUBMITTED = new Date('2026-11-20T09:00:00.000Z');
const MODERATED = new Date('2026-11-21T10:00:00.000Z');
const deps = { classifier: shippedClassifier(), taxonomy: shippedTaxonomy(), now: SUBMITTED };

async function rejection(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe.each(TEST_ENGINES)('initiatives registry on %s', (engine) => {
  let database: Database;
  let ids: Record<SampleAuthority, number>;
  const submit = (authority: SampleAuthority, title: string, description: string, year = '2026') =>
    submitInitiative(
      database.db,
      { authorityId: ids[authority], title, description, year, submittedBy: 'Mairie@Bourg.example' },
      deps,
    );

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    ids = await createSampleAuthorities(database.db);
  });
  afterAll(async () => database.close());
  beforeEach(async () => {
    for (const table of [
      'initiative_classification_domains',
      'initiative_classifications',
      'initiative_moderations',
      'initiatives',
      'audit_log',
    ] as const) {
      await database.db.deleteFrom(table).execute();
    }
  });

  it('records a submission with the classifier’s proposal, waiting for moderation', async () => {
    const { id, classification } = await submit(
      'bourg',
      'Vidéoprotection du centre-ville',
      'Installation de caméras de vidéoprotection sur la place du marché.',
    );

    expect(classification.domains[0]?.domain).toBe('securite');
    const item = await getInitiative(database.db, id);
    expect(item).toMatchObject({
      status: 'submitted',
      moderation: null,
      source: 'submission',
      submittedBy: 'mairie@bourg.example',
      progress: 'completed',
      createdAt: SUBMITTED.toISOString(),
    });
    expect(item.classifications).toHaveLength(1);
    const [proposal] = item.classifications;
    expect(proposal?.domains[0]).toEqual({
      domain: 'securite',
      confidence: classification.domains[0]?.confidence,
    });
    expect((proposal?.evidence.words as Record<string, string[]> | undefined)?.securite).toContain(
      'vidéoprotection',
    );
    expect(await listInitiatives(database.db, { status: 'published' })).toEqual([]);
  });

  it('refuses an invalid submission field by field and records nothing', async () => {
    const error = await rejection(
      submitInitiative(
        database.db,
        {
          authorityId: ids.bourg,
          title: ' ',
          description: '',
          year: '26',
          url: 'nope nope',
          submittedBy: 'a@b.fr',
        },
        deps,
      ),
    );
    expect(error.code).toBe('input_invalid');
    expect(error.problems.map((problem) => problem.field)).toEqual([
      'titre',
      'description',
      'année',
      'adresse',
    ]);
    expect(await listInitiatives(database.db)).toEqual([]);
  });

  it('publishes or rejects a submission once, a rejection saying why', async () => {
    const first = await submit(
      'bourg',
      'Budget participatif',
      'Les habitants votent en ligne pour des projets.',
    );
    const second = await submit('ajaccio', 'Wifi public', 'Bornes wifi gratuites sur le port.');

    await moderateInitiative(
      database.db,
      { id: first.id, decision: 'published', moderator: 'Mod@Exemple.fr' },
      MODERATED,
    );
    const noReason = await rejection(
      moderateInitiative(
        database.db,
        { id: second.id, decision: 'rejected', moderator: 'mod@exemple.fr' },
        MODERATED,
      ),
    );
    expect(noReason.code).toBe('input_invalid');
    await moderateInitiative(
      database.db,
      { id: second.id, decision: 'rejected', moderator: 'mod@exemple.fr', reason: 'Doublon de la n° 12' },
      MODERATED,
    );

    expect((await getInitiative(database.db, first.id)).moderation).toEqual({
      moderator: 'mod@exemple.fr',
      reason: null,
      at: MODERATED.toISOString(),
    });
    expect(await getInitiative(database.db, second.id)).toMatchObject({
      status: 'rejected',
      moderation: { reason: 'Doublon de la n° 12' },
    });
    const again = await rejection(
      moderateInitiative(
        database.db,
        { id: second.id, decision: 'published', moderator: 'x@y.fr' },
        MODERATED,
      ),
    );
    expect([again.code, again.message]).toEqual([
      'conflict',
      `L’initiative n° ${second.id} est déjà refusée : sa modération est close.`,
    ]);
    const missing = await rejection(
      moderateInitiative(database.db, { id: 999_999, decision: 'published', moderator: 'x@y.fr' }, MODERATED),
    );
    expect(missing.code).toBe('not_found');
  });

  it('keeps every classification when an analyst corrects the domains', async () => {
    const { id } = await submit(
      'bourg',
      'Application de la médiathèque',
      'Réservation de livres sur smartphone.',
    );

    await overrideDomains(
      database.db,
      {
        id,
        domains: 'culture_patrimoine, Communication publique',
        analyst: 'Ana@Exemple.fr',
        comment: 'Aussi un outil d’information',
      },
      { taxonomy: shippedTaxonomy(), now: MODERATED },
    );
    const same = await rejection(
      overrideDomains(
        database.db,
        { id, domains: 'culture_patrimoine,communication', analyst: 'ana@exemple.fr', comment: 'encore' },
        { taxonomy: shippedTaxonomy(), now: MODERATED },
      ),
    );
    expect(same.message).toContain('rien à corriger');
    const silent = await rejection(
      overrideDomains(
        database.db,
        { id, domains: 'securite', analyst: 'ana@exemple.fr' },
        { taxonomy: shippedTaxonomy(), now: MODERATED },
      ),
    );
    expect(silent.message).toContain('doit être motivée');

    const history = (await getInitiative(database.db, id)).classifications;
    expect(history.map((record) => [record.source, record.domains.map((d) => d.domain)])).toEqual([
      ['classifier', ['culture_patrimoine']],
      ['analyst', ['culture_patrimoine', 'communication']],
    ]);
    expect(history[1]).toMatchObject({
      analyst: 'ana@exemple.fr',
      comment: 'Aussi un outil d’information',
      supersedesId: history[0]?.id,
      evidence: { previous: ['culture_patrimoine'] },
    });
    expect((await listInitiatives(database.db, { domain: 'communication' })).map((item) => item.id)).toEqual([
      id,
    ]);
  });

  it('analyses published initiatives only, with their current domains and the communes’ strata', async () => {
    await database.db
      .updateTable('authorities')
      .set({ population: 41_365 })
      .where('id', '=', ids.bourg)
      .execute();
    await database.db
      .updateTable('authorities')
      .set({ population: 767 })
      .where('id', '=', ids.abergement)
      .execute();
    const published = [
      await submit('bourg', 'Budget participatif', 'Les habitants votent en ligne pour des projets.', '2025'),
      await submit('bourg', 'Caméras de vidéoprotection', 'Dix caméras en centre-ville.', '2025'),
      await submit('abergement', 'Atelier numérique', 'Initiation à internet pour les débutants.', '2025'),
      await submit(
        'ain',
        'Ordinateurs pour les collégiens',
        'Un ordinateur portable par élève de sixième.',
        '2025',
      ),
    ];
    const waiting = await submit('bourg', 'Wifi sur la place', 'Bornes wifi gratuites.', '2025');
    const otherYear = await submit('bourg', 'Application mobile', 'Actualités de la ville.', '2024');
    for (const { id } of [...published, otherYear]) {
      await moderateInitiative(database.db, { id, decision: 'published', moderator: 'm@x.fr' }, MODERATED);
    }
    await overrideDomains(
      database.db,
      {
        id: (published[2] as { id: number }).id,
        domains: 'acces_inclusion,social_sante',
        analyst: 'a@x.fr',
        comment: 'public âgé',
      },
      { taxonomy: shippedTaxonomy(), now: MODERATED },
    );

    const rows = await publishedInitiativeDomains(database.db, { year: 2025 });
    expect(rows.some((row) => row.initiativeId === waiting.id)).toBe(false);
    expect(rows.some((row) => row.initiativeId === otherYear.id)).toBe(false);
    const analysis = analyseInitiatives(
      rows,
      shippedTaxonomy().domains.map((d) => d.key),
    );

    expect([analysis.initiatives, analysis.authorities]).toEqual([4, 3]);
    expect(analysis.domains.find((d) => d.domain === 'social_sante')).toMatchObject({
      count: 1,
      mainCount: 0,
    });
    expect(analysis.communes).toMatchObject({ initiatives: 3, communes: 2, unknownPopulation: 0 });
    const strata = analysis.communes.strata.filter((row) => row.communes > 0);
    expect(strata.map((row) => [row.key, row.communes, row.initiatives])).toEqual([
      ['500-1999', 1, 1],
      ['20000-49999', 1, 2],
    ]);
  });

  it('logs each submission, moderation and override in the audit log, with the submitter’s suggestion', async () => {
    const { id } = await submitInitiative(
      database.db,
      {
        authorityId: ids.bourg,
        title: 'Portail famille',
        description: 'Inscriptions à la cantine et au périscolaire en ligne.',
        year: '2026',
        submittedBy: 'mairie@bourg.example',
        suggestedDomains: ['education_periscolaire'],
      },
      deps,
    );
    const unknown = await rejection(
      submitInitiative(
        database.db,
        {
          authorityId: ids.bourg,
          title: 'x',
          description: 'y',
          year: '2026',
          submittedBy: 'm@b.fr',
          suggestedDomains: ['astronomie'],
        },
        deps,
      ),
    );
    expect(unknown.message).toContain('astronomie');
    await overrideDomains(
      database.db,
      { id, domains: 'securite', analyst: 'ana@exemple.fr', comment: 'test' },
      { taxonomy: shippedTaxonomy(), now: MODERATED },
    );
    await moderateInitiative(
      database.db,
      { id, decision: 'rejected', moderator: 'ana@exemple.fr', reason: 'Doublon' },
      MODERATED,
    );

    const changes = (
      await listChanges(database.db, { entity: 'initiative', entityId: String(id) })
    ).reverse();
    expect(changes.map((change) => [change.action, change.actor])).toEqual([
      ['initiative_submitted', 'mairie@bourg.example'],
      ['initiative_domains_overridden', 'ana@exemple.fr'],
      ['initiative_rejected', 'ana@exemple.fr'],
    ]);
    expect(JSON.parse(changes[2]?.after ?? '{}')).toEqual({ status: 'rejected', reason: 'Doublon' });
    const first = (await getInitiative(database.db, id)).classifications[0];
    expect(first?.evidence.suggested).toEqual(['education_periscolaire']);
  });
});
