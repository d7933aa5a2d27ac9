import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../test/support/databases.ts';
import { createReviewWorld, type ReviewWorld } from '../../test/support/review-world.ts';
import { refusal } from '../../test/support/user-error.ts';
import { listChanges } from '../audit-log/audit-log.repository.ts';
import { publishEdition, recordErratum } from '../editions/publication.service.ts';
import { createContest, decideContest } from './contests.service.ts';
import {
  addMissedService,
  arbitrate,
  confirmAssessment,
  correctAssessment,
  submitBlindReview,
} from './review.service.ts';

/**
 * Every state change of the review workflow writes its audit-log row in the service itself, so
 * the CLI and the web log alike: who, when, what, before and after. A refused change logs nothing.
 */

const ANNE = 'anne@example.fr';
const BRUNO = 'bruno@example.fr';
const CLAIRE = 'claire@example.fr';
const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 9, minute));

describe.each(TEST_ENGINES)('audit log of the review workflow on %s', (engine) => {
  let world: ReviewWorld;

  beforeAll(async () => {
    world = await createReviewWorld(engine);
  });
  afterAll(async () => world.database.close());

  const newest = async () => (await listChanges(world.db, { limit: 1 }))[0];
  const count = async () => (await listChanges(world.db, { limit: 1000 })).length;

  it('logs confirmation, correction (with its page), addition, blind review and arbitration', async () => {
    const editionId = await world.edition(2031);
    const authorityId = await world.authority();
    const apa = await world.propose({ editionId, authorityId, service: 'apa', level: 2 });

    const confirmed = await confirmAssessment(world.db, { assessmentId: apa.id, reviewer: ANNE }, at(1));
    expect(await newest()).toMatchObject({
      actor: ANNE,
      action: 'review_confirmed',
      entity: 'assessment',
      entity_id: String(confirmed.assessment.id),
      at: at(1).toISOString(),
    });
    const row = await newest();
    expect(JSON.parse(row?.before ?? 'null')).toMatchObject({
      assessmentId: apa.id,
      level: 2,
      source: 'crawler',
    });
    expect(JSON.parse(row?.after ?? 'null')).toMatchObject({
      assessmentId: confirmed.assessment.id,
      level: 2,
      source: 'analyst',
      reviewer: ANNE,
      reviewEventId: confirmed.event.id,
    });

    const blind = await submitBlindReview(
      world.db,
      {
        editionId,
        authorityId,
        serviceId: world.services.apa,
        reviewer: BRUNO,
        level: 4,
        comment: 'vu en ligne',
      },
      at(2),
    );
    expect(await newest()).toMatchObject({
      actor: BRUNO,
      action: 'blind_review_submitted',
      entity_id: String(blind.id),
    });
    expect(JSON.parse((await newest())?.after ?? 'null')).toMatchObject({
      level: 4,
      firstAssessmentId: confirmed.assessment.id,
    });

    const before = await count();
    await refusal(
      arbitrate(world.db, { blindReviewId: blind.id, arbiter: ANNE, level: 3, comment: 'non' }, at(3)),
    );
    expect(await count()).toBe(before);

    const arbitrated = await arbitrate(
      world.db,
      { blindReviewId: blind.id, arbiter: CLAIRE, level: 3, comment: 'tranché' },
      at(4),
    );
    expect(await newest()).toMatchObject({
      actor: CLAIRE,
      action: 'review_arbitrated',
      entity_id: String(arbitrated.assessment.id),
    });
    expect(JSON.parse((await newest())?.after ?? 'null')).toMatchObject({
      level: 3,
      blindReviewId: blind.id,
      firstLevel: 2,
      blindLevel: 4,
    });

    const corrected = await correctAssessment(
      world.db,
      {
        assessmentId: arbitrated.assessment.id,
        reviewer: ANNE,
        level: 1,
        comment: 'formulaire retiré',
        evidenceUrl: 'https://www.example.fr/apa-retire',
      },
      at(5),
    );
    expect(corrected.assessment.evidence_url).toBe('https://www.example.fr/apa');
    expect(JSON.parse(corrected.assessment.evidence).analystEvidence).toEqual([
      {
        url: 'https://www.example.fr/apa-retire',
        note: 'formulaire retiré',
        by: ANNE,
        at: at(5).toISOString(),
      },
    ]);
    const correction = await newest();
    expect(correction).toMatchObject({ action: 'review_corrected', actor: ANNE });
    expect(JSON.parse(correction?.before ?? 'null')).toMatchObject({ level: 3 });
    expect(JSON.parse(correction?.after ?? 'null')).toMatchObject({ level: 1, comment: 'formulaire retiré' });

    const added = await addMissedService(
      world.db,
      {
        editionId,
        authorityId,
        serviceId: world.services.rsa,
        reviewer: ANNE,
        level: 3,
        evidenceUrl: 'https://www.example.fr/rsa',
      },
      at(6),
    );
    expect(await newest()).toMatchObject({
      action: 'review_added',
      entity_id: String(added.assessment.id),
      before: null,
    });
  });

  it('logs contests filed and decided, publication and errata', async () => {
    const editionId = await world.edition(2032);
    const authorityId = await world.authority();
    const apa = await world.propose({ editionId, authorityId, service: 'apa', level: 1 });
    const fsl = await world.propose({ editionId, authorityId, service: 'fsl', level: 0 });

    const contest = await createContest(
      world.db,
      {
        assessmentId: apa.id,
        justification: 'En ligne',
        contact: 'dgs@exemple.fr',
        requestedLevel: 3,
        filedBy: 'dgs@exemple.fr',
      },
      at(10),
    );
    const filed = await newest();
    expect(filed).toMatchObject({
      actor: 'dgs@exemple.fr',
      action: 'contest_created',
      entity: 'contest',
      entity_id: String(contest.id),
    });
    // The contact is not published; the exported log leaves it out too.
    expect(filed?.after).not.toContain('dgs@exemple.fr');

    await decideContest(
      world.db,
      { contestId: contest.id, decision: 'accepted', decisionText: 'Vérifié', decider: CLAIRE, level: 3 },
      at(11),
    );
    const decision = await newest();
    expect(decision).toMatchObject({
      actor: CLAIRE,
      action: 'contest_accepted',
      entity_id: String(contest.id),
    });
    expect(JSON.parse(decision?.before ?? 'null')).toMatchObject({ status: 'open' });
    expect(JSON.parse(decision?.after ?? 'null')).toMatchObject({
      status: 'accepted',
      decidedLevel: 3,
      recordedAs: 'appended',
    });

    await publishEdition(world.db, { year: 2032, publisher: CLAIRE }, at(12));
    const published = await newest();
    expect(published).toMatchObject({
      actor: CLAIRE,
      action: 'edition_published',
      entity: 'edition',
      entity_id: String(editionId),
    });
    expect(JSON.parse(published?.before ?? 'null')).toMatchObject({ status: 'draft' });
    expect(JSON.parse(published?.after ?? 'null')).toMatchObject({ status: 'published', year: 2032 });

    const erratum = await recordErratum(
      world.db,
      {
        editionId,
        authorityId,
        serviceId: world.services.fsl,
        level: 2,
        reason: 'Formulaire trouvé',
        author: ANNE,
      },
      at(13),
    );
    expect(await newest()).toMatchObject({
      actor: ANNE,
      action: 'review_erratum',
      entity_id: String(erratum.assessment.id),
    });
    expect(JSON.parse((await newest())?.before ?? 'null')).toMatchObject({ assessmentId: fsl.id, level: 0 });
  });
});
