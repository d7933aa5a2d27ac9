import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../test/support/databases.ts';
import { createReviewWorld, type ReviewWorld } from '../../test/support/review-world.ts';
import { refusal } from '../../test/support/user-error.ts';
import {
  appendAssessments,
  assessmentHistory,
  currentAssessment,
} from '../assessments/assessments.repository.ts';
import {
  addMissedService,
  confirmAssessment,
  correctAssessment,
  submitBlindReview,
} from '../assessments/review.service.ts';
import { listErrata, publicationOf, publishEdition, recordErratum } from './publication.service.ts';

const ANNE = 'anne@example.fr';
const PUBLISHER = 'direction@example.fr';
const publishedAt = new Date('2026-12-01T08:00:00Z');
const afterwards = new Date('2027-01-15T14:00:00Z');
const FROZEN = /publiée.*figées/;

describe.each(TEST_ENGINES)('publication and errata on %s', (engine) => {
  let world: ReviewWorld;
  let editionId: number;
  let authorityId: number;
  let reviewedId: number;
  let unreviewedId: number;

  beforeAll(async () => {
    world = await createReviewWorld(engine);
    editionId = await world.edition(2026);
    authorityId = await world.authority();
    const rsa = await world.propose({ editionId, authorityId, service: 'rsa', level: 2 });
    reviewedId = (await confirmAssessment(world.db, { assessmentId: rsa.id, reviewer: ANNE }, publishedAt))
      .assessment.id;
    unreviewedId = (await world.propose({ editionId, authorityId, service: 'apa', level: 3 })).id;
    await submitBlindReview(
      world.db,
      { editionId, authorityId, serviceId: world.services.rsa, reviewer: 'bruno@example.fr', level: 4 },
      publishedAt,
    );
  });
  afterAll(async () => world.database.close());

  it('publishing freezes the edition, keeps who published it and what was frozen, and warns of what was not reviewed', async () => {
    const result = await publishEdition(world.db, { year: 2026, publisher: PUBLISHER }, publishedAt);
    expect(result.edition).toMatchObject({ status: 'published', published_at: publishedAt.toISOString() });
    expect(result.summary).toEqual({
      assessments: 2,
      bySource: { analyst: 1, crawler: 1 },
      openContests: 0,
      pendingDisagreements: 1,
    });
    expect(result.warnings.join('\n')).toContain(
      '1 évaluation(s) publiée(s) telles que proposées par le robot',
    );
    expect(result.warnings.join('\n')).toContain('1 désaccord(s)');
    expect(await publicationOf(world.db, editionId)).toMatchObject({
      published_by: PUBLISHER,
      published_at: publishedAt.toISOString(),
    });
  });

  it('refuses to publish an edition twice', async () => {
    const error = await refusal(publishEdition(world.db, { year: 2026, publisher: PUBLISHER }, afterwards));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('déjà publiée (le 2026-12-01)');
  });

  it('refuses every review of a published edition, in French, pointing to errata', async () => {
    for (const attempt of [
      () => confirmAssessment(world.db, { assessmentId: unreviewedId, reviewer: ANNE }, afterwards),
      () =>
        correctAssessment(
          world.db,
          { assessmentId: reviewedId, reviewer: ANNE, level: 4, comment: 'x' },
          afterwards,
        ),
      () =>
        addMissedService(
          world.db,
          { editionId, authorityId, serviceId: world.services.fsl, reviewer: ANNE, level: 0 },
          afterwards,
        ),
    ]) {
      // One at a time: a refusal created before it is awaited would go unhandled.
      const error = await refusal(attempt());
      expect(error.code).toBe('conflict');
      expect(error.message).toMatch(FROZEN);
      expect(error.message).toContain('erratum');
    }
  });

  it('the repository refuses to append to a published edition, whoever calls it (the crawler included)', async () => {
    const error = await refusal(
      appendAssessments(
        world.db,
        [{ editionId, authorityId, serviceId: world.services.apa, level: 4, source: 'crawler' }],
        afterwards,
      ),
    );
    expect(error.message).toBe(
      'L’édition 2026 est publiée : ses évaluations sont figées. Une correction passe par un erratum (barometre erratum create) ou par l’édition suivante.',
    );
    expect(
      await assessmentHistory(world.db, { editionId, authorityId, serviceId: world.services.apa }),
    ).toHaveLength(1);
  });

  it('the database itself refuses to add, change or delete an assessment of a published edition', async () => {
    const insert = world.db
      .insertInto('assessments')
      .values({
        edition_id: editionId,
        authority_id: authorityId,
        service_id: world.services.apa,
        level: 4,
        evidence: '{}',
        source: 'analyst',
        supersedes_id: unreviewedId,
        created_at: afterwards.toISOString(),
      })
      .execute();
    await expect(insert).rejects.toThrow(FROZEN);
    await expect(
      world.db.updateTable('assessments').set({ level: 4 }).where('id', '=', unreviewedId).execute(),
    ).rejects.toThrow(FROZEN);
    await expect(world.db.deleteFrom('assessments').where('id', '=', unreviewedId).execute()).rejects.toThrow(
      FROZEN,
    );
    await expect(
      world.db.updateTable('editions').set({ status: 'draft' }).where('id', '=', editionId).execute(),
    ).rejects.toThrow(/ne peut pas revenir/);
    await expect(
      sql`update editions set published_at = ${afterwards.toISOString()} where id = ${editionId}`.execute(
        world.db,
      ),
    ).rejects.toThrow(/ne peut pas revenir/);
  });

  it('an erratum is the only way to change a published assessment, and is listed with the edition', async () => {
    const triple = { editionId, authorityId, serviceId: world.services.apa };
    const missingReason = await refusal(
      recordErratum(world.db, { ...triple, level: 2, reason: ' ', author: ANNE }, afterwards),
    );
    expect(missingReason.message).toContain('--reason');
    const nothing = await refusal(
      recordErratum(world.db, { ...triple, level: 3, reason: 'x', author: ANNE }, afterwards),
    );
    expect(nothing.message).toContain('doit changer le niveau ou la preuve');

    const { erratum, assessment, event } = await recordErratum(
      world.db,
      {
        ...triple,
        level: 2,
        reason: 'Le formulaire en ligne renvoie vers un PDF à imprimer',
        author: ANNE,
        evidenceUrl: 'https://www.example.fr/apa-formulaire.pdf',
      },
      afterwards,
    );
    expect(erratum).toMatchObject({
      before_assessment_id: unreviewedId,
      level_before: 3,
      level_after: 2,
      author: ANNE,
      assessment_id: assessment.id,
      created_at: afterwards.toISOString(),
    });
    expect(assessment).toMatchObject({
      level: 2,
      source: 'analyst',
      supersedes_id: unreviewedId,
      evidence_url: 'https://www.example.fr/apa-formulaire.pdf',
    });
    expect(event).toMatchObject({ action: 'erratum', level_before: 3, level_after: 2 });
    expect((await currentAssessment(world.db, triple))?.id).toBe(assessment.id);

    const errata = await listErrata(world.db, editionId);
    expect(
      errata.map((e) => [e.serviceKey, e.erratum.level_before, e.erratum.level_after, e.erratum.reason]),
    ).toEqual([['apa', 3, 2, 'Le formulaire en ligne renvoie vers un PDF à imprimer']]);
  });

  it('an erratum can add a service a published edition missed', async () => {
    const { erratum, assessment } = await recordErratum(
      world.db,
      {
        editionId,
        authorityId,
        serviceId: world.services.fsl,
        level: 3,
        reason: 'Service oublié',
        author: ANNE,
      },
      afterwards,
    );
    expect(erratum).toMatchObject({ before_assessment_id: null, level_before: null, level_after: 3 });
    expect(assessment.supersedes_id).toBeNull();
  });

  it('the database admits only the assessment an erratum announces: same triple, level and predecessor', async () => {
    const triple = { editionId, authorityId, serviceId: world.services.rsa };
    const current = await currentAssessment(world.db, triple);
    if (!current) throw new Error('no current assessment');
    await world.db
      .insertInto('errata')
      .values({
        edition_id: editionId,
        authority_id: authorityId,
        service_id: world.services.rsa,
        before_assessment_id: current.id,
        level_before: current.level,
        level_after: 4,
        evidence_url: null,
        reason: 'test',
        author: ANNE,
        contest_id: null,
        assessment_id: null,
        created_at: afterwards.toISOString(),
      })
      .execute();
    const attempt = (level: number) =>
      world.db
        .insertInto('assessments')
        .values({
          edition_id: editionId,
          authority_id: authorityId,
          service_id: world.services.rsa,
          level,
          evidence: '{}',
          source: 'analyst',
          supersedes_id: current.id,
          created_at: afterwards.toISOString(),
        })
        .execute();
    await expect(attempt(1)).rejects.toThrow(FROZEN);
    await attempt(4);
    await world.db.deleteFrom('errata').where('assessment_id', 'is', null).execute();
  });

  it('a publication waits for an append in progress, so nothing slips in unseen', async () => {
    const racedEdition = await world.edition(2032);
    const racedAuthority = await world.authority();
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const appending = world.db.transaction().execute(async (trx) => {
      await appendAssessments(
        trx,
        [
          {
            editionId: racedEdition,
            authorityId: racedAuthority,
            serviceId: world.services.rsa,
            level: 2,
            source: 'crawler',
          },
        ],
        afterwards,
      );
      await gate;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    let published = false;
    const publishing = publishEdition(world.db, { year: 2032, publisher: PUBLISHER }, afterwards);
    publishing.then(
      () => {
        published = true;
      },
      () => {},
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(published).toBe(false);
    release();
    await appending;
    const result = await publishing;
    expect(result.summary.assessments).toBe(1);
    const late = await refusal(
      appendAssessments(
        world.db,
        [
          {
            editionId: racedEdition,
            authorityId: racedAuthority,
            serviceId: world.services.apa,
            level: 1,
            source: 'crawler',
          },
        ],
        afterwards,
      ),
    );
    expect(late.message).toMatch(FROZEN);
  });

  it('refuses an erratum on a draft edition: it is corrected directly', async () => {
    const draftEdition = await world.edition(2031);
    const error = await refusal(
      recordErratum(
        world.db,
        {
          editionId: draftEdition,
          authorityId,
          serviceId: world.services.rsa,
          level: 2,
          reason: 'x',
          author: ANNE,
        },
        afterwards,
      ),
    );
    expect(error.message).toContain('n’est pas publiée');
  });
});
