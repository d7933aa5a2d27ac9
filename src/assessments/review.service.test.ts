import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../test/support/databases.ts';
import { createReviewWorld, type ReviewWorld } from '../../test/support/review-world.ts';
import { refusal } from '../../test/support/user-error.ts';
import { UserError } from '../shared/errors.ts';
import { assessmentHistory, currentAssessment } from './assessments.repository.ts';
import { reviewQueue } from './review.repository.ts';
import {
  addMissedService,
  arbitrate,
  attachEvidence,
  blindReviewTask,
  confirmAssessment,
  correctAssessment,
  editionAgreement,
  listDisagreements,
  reviewHistory,
  submitBlindReview,
} from './review.service.ts';

const ANNE = 'anne@example.fr';
const BRUNO = 'bruno@example.fr';
const CLAIRE = 'claire@example.fr';
const later = new Date('2026-11-22T09:30:00Z');

describe.each(TEST_ENGINES)('review workflow on %s', (engine) => {
  let world: ReviewWorld;
  let editionId: number;

  beforeAll(async () => {
    world = await createReviewWorld(engine);
    editionId = await world.edition(2026);
  });
  afterAll(async () => world.database.close());

  it('confirming a proposal appends an analyst assessment with the same level and evidence, and logs who and when', async () => {
    const authorityId = await world.authority();
    const proposal = await world.propose({
      editionId,
      authorityId,
      service: 'rsa',
      level: 3,
      confidence: 0.55,
    });

    const { assessment, event } = await confirmAssessment(
      world.db,
      { assessmentId: proposal.id, reviewer: 'Anne@Example.fr', comment: ' Vu le téléservice ' },
      later,
    );

    expect(assessment).toMatchObject({
      level: 3,
      source: 'analyst',
      reviewer: ANNE,
      comment: 'Vu le téléservice',
      supersedes_id: proposal.id,
      evidence_url: proposal.evidence_url,
      evidence: proposal.evidence,
      confidence: null,
      created_at: later.toISOString(),
    });
    expect(event).toMatchObject({
      action: 'confirmed',
      actor: ANNE,
      before_assessment_id: proposal.id,
      after_assessment_id: assessment.id,
      level_before: 3,
      level_after: 3,
      created_at: later.toISOString(),
    });
    expect(
      (await currentAssessment(world.db, { editionId, authorityId, serviceId: world.services.rsa }))?.id,
    ).toBe(assessment.id);
  });

  it('refuses to act on an assessment replaced since the analyst read it', async () => {
    const authorityId = await world.authority();
    const proposal = await world.propose({ editionId, authorityId, service: 'rsa', level: 2 });
    await confirmAssessment(world.db, { assessmentId: proposal.id, reviewer: ANNE }, later);

    const error = await refusal(
      confirmAssessment(world.db, { assessmentId: proposal.id, reviewer: BRUNO }, later),
    );
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/a été remplacée par la n° \d+/);
    const correction = await refusal(
      correctAssessment(
        world.db,
        { assessmentId: proposal.id, reviewer: BRUNO, level: 4, comment: 'x' },
        later,
      ),
    );
    expect(correction.code).toBe('conflict');
  });

  it('refuses to confirm an analyst’s assessment: a second opinion corrects it or goes blind', async () => {
    const authorityId = await world.authority();
    const proposal = await world.propose({ editionId, authorityId, service: 'rsa', level: 2 });
    const { assessment } = await confirmAssessment(
      world.db,
      { assessmentId: proposal.id, reviewer: ANNE },
      later,
    );
    const error = await refusal(
      confirmAssessment(world.db, { assessmentId: assessment.id, reviewer: BRUNO }, later),
    );
    expect(error.message).toContain('vient déjà d’une personne');
  });

  it('correcting a level requires a comment, and the event keeps the level before and after', async () => {
    const authorityId = await world.authority();
    const proposal = await world.propose({ editionId, authorityId, service: 'apa', level: 2 });

    const missing = await refusal(
      correctAssessment(
        world.db,
        { assessmentId: proposal.id, reviewer: ANNE, level: 4, comment: '  ' },
        later,
      ),
    );
    expect(missing.code).toBe('input_invalid');
    const same = await refusal(
      correctAssessment(
        world.db,
        { assessmentId: proposal.id, reviewer: ANNE, level: 2, comment: 'x' },
        later,
      ),
    );
    expect(same.message).toContain('confirmez-la');

    const { assessment, event } = await correctAssessment(
      world.db,
      { assessmentId: proposal.id, reviewer: ANNE, level: 4, comment: 'Suivi et décision en ligne' },
      later,
    );
    expect(assessment).toMatchObject({ level: 4, source: 'analyst', comment: 'Suivi et décision en ligne' });
    expect(event).toMatchObject({ action: 'corrected', level_before: 2, level_after: 4, actor: ANNE });
    expect(JSON.parse(assessment.evidence)).toEqual(JSON.parse(proposal.evidence));
  });

  it('adding evidence keeps the level and the crawler’s proof; replacing keeps only the analyst’s page', async () => {
    const authorityId = await world.authority();
    const proposal = await world.propose({ editionId, authorityId, service: 'fsl', level: 3 });

    const added = await attachEvidence(
      world.db,
      {
        assessmentId: proposal.id,
        reviewer: ANNE,
        url: 'https://demarches.example.fr/fsl',
        note: 'Formulaire en ligne',
      },
      later,
    );
    expect(added.assessment.level).toBe(3);
    expect(added.assessment.evidence_url).toBe(proposal.evidence_url);
    expect(JSON.parse(added.assessment.evidence)).toMatchObject({
      pages: [{ url: 'https://www.example.fr/fsl' }],
      analystEvidence: [{ url: 'https://demarches.example.fr/fsl', note: 'Formulaire en ligne', by: ANNE }],
    });
    expect(added.event.action).toBe('evidence_added');

    const replaced = await attachEvidence(
      world.db,
      {
        assessmentId: added.assessment.id,
        reviewer: BRUNO,
        url: 'https://demarches.example.fr/fsl-v2',
        note: 'Nouvelle adresse',
        replace: true,
      },
      later,
    );
    expect(replaced.assessment.evidence_url).toBe('https://demarches.example.fr/fsl-v2');
    expect(JSON.parse(replaced.assessment.evidence)).toEqual({
      analystEvidence: [
        {
          url: 'https://demarches.example.fr/fsl-v2',
          note: 'Nouvelle adresse',
          by: BRUNO,
          at: later.toISOString(),
        },
      ],
      replacesEvidenceOf: added.assessment.id,
    });
    expect(replaced.event.action).toBe('evidence_replaced');

    const badUrl = await refusal(
      attachEvidence(
        world.db,
        { assessmentId: replaced.assessment.id, reviewer: BRUNO, url: 'fsl', note: 'x' },
        later,
      ),
    );
    expect(badUrl.code).toBe('input_invalid');
  });

  it('adds a service the crawler missed only where the service has no assessment and applies', async () => {
    const authorityId = await world.authority();
    const input = {
      editionId,
      authorityId,
      serviceId: world.services.apa,
      reviewer: ANNE,
      level: 3,
      evidenceUrl: 'https://www.example.fr/apa-en-ligne',
      comment: 'Lien depuis la page Seniors',
    };
    const { assessment, event } = await addMissedService(world.db, input, later);
    expect(assessment).toMatchObject({ level: 3, source: 'analyst', supersedes_id: null, reviewer: ANNE });
    expect(event).toMatchObject({
      action: 'added',
      before_assessment_id: null,
      level_before: null,
      level_after: 3,
    });

    expect((await refusal(addMissedService(world.db, input, later))).message).toContain(
      'déjà une évaluation',
    );
    const notApplicable = await refusal(
      addMissedService(world.db, { ...input, serviceId: world.services.etatCivil }, later),
    );
    expect(notApplicable.message).toContain('compétences');
    const withoutPage = await refusal(
      addMissedService(world.db, { ...input, serviceId: world.services.rsa, evidenceUrl: null }, later),
    );
    expect(withoutPage.message).toContain('--url');
  });

  it('the review queue lists the current crawler proposals of an edition, filtered and counted', async () => {
    const queueEdition = await world.edition(2027);
    const ain = await world.authority();
    const other = await world.authority();
    const rsa = await world.propose({
      editionId: queueEdition,
      authorityId: ain,
      service: 'rsa',
      level: 3,
      confidence: 0.9,
    });
    const apa = await world.propose({
      editionId: queueEdition,
      authorityId: ain,
      service: 'apa',
      level: 2,
      confidence: 0.5,
    });
    const notFound = await world.propose({
      editionId: queueEdition,
      authorityId: ain,
      service: 'fsl',
      level: 0,
      confidence: null,
    });
    const reviewed = await world.propose({
      editionId: queueEdition,
      authorityId: other,
      service: 'rsa',
      level: 1,
    });
    await confirmAssessment(world.db, { assessmentId: reviewed.id, reviewer: ANNE }, later);

    const all = await reviewQueue(world.db, { editionId: queueEdition });
    expect(all.total).toBe(3);
    expect(all.items.map((i) => i.assessmentId).sort()).toEqual([rsa.id, apa.id, notFound.id].sort());
    expect(all.items[0]).toMatchObject({ authorityId: ain, themeKey: 'solidarites' });

    const ids = async (filters: Parameters<typeof reviewQueue>[1]) =>
      (await reviewQueue(world.db, filters)).items.map((i) => i.assessmentId);
    expect(await ids({ editionId: queueEdition, themeKey: 'emploi-insertion' })).toEqual([rsa.id]);
    expect(await ids({ editionId: queueEdition, maxConfidence: 0.6 })).toEqual([apa.id]);
    expect(await ids({ editionId: queueEdition, levels: [0] })).toEqual([notFound.id]);
    expect(await ids({ editionId: queueEdition, authorityId: other })).toEqual([]);
    const page = await reviewQueue(world.db, { editionId: queueEdition, limit: 1, offset: 1 });
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(1);
  });

  it('a blind reviewer sees the crawler proposal, never the first analyst’s level', async () => {
    const authorityId = await world.authority();
    const proposal = await world.propose({
      editionId,
      authorityId,
      service: 'rsa',
      level: 2,
      confidence: 0.4,
    });
    const first = await correctAssessment(
      world.db,
      { assessmentId: proposal.id, reviewer: ANNE, level: 4, comment: 'Paiement en ligne' },
      later,
    );
    const triple = { editionId, authorityId, serviceId: world.services.rsa };

    const task = await blindReviewTask(world.db, { ...triple, reviewer: BRUNO });
    expect(task.proposal).toMatchObject({ assessmentId: proposal.id, level: 2, confidence: 0.4 });
    const serialised = JSON.stringify(task);
    expect(serialised).not.toContain(String(first.assessment.id));
    expect(serialised).not.toContain(ANNE);
    expect(serialised).not.toContain('Paiement en ligne');
    expect(serialised).not.toMatch(/"level":4/);

    const own = await refusal(blindReviewTask(world.db, { ...triple, reviewer: ANNE }));
    expect(own.message).toContain('première revue');

    const blind = await submitBlindReview(
      world.db,
      { ...triple, reviewer: BRUNO, level: 3, comment: 'Pas de suivi' },
      later,
    );
    expect(blind).toMatchObject({
      first_assessment_id: first.assessment.id,
      proposal_assessment_id: proposal.id,
      level: 3,
    });
    // Kept apart: the current assessment is still the first review.
    expect((await currentAssessment(world.db, triple))?.id).toBe(first.assessment.id);
    const twice = await refusal(
      submitBlindReview(world.db, { ...triple, reviewer: CLAIRE, level: 4 }, later),
    );
    expect(twice.message).toContain('déjà reçu');
  });

  it('agreement per edition is Cohen’s kappa over first and blind levels, and disagreements are listed', async () => {
    const agreementEdition = await world.edition(2028);
    // (first, blind) pairs: (2,2), (3,4), (1,1) → po = 2/3; first 1,2,3 and blind 1,2,4 each once: pe = 2/9.
    const pairs: [number, number][] = [
      [2, 2],
      [3, 4],
      [1, 1],
    ];
    for (const [firstLevel, blindLevel] of pairs) {
      const authorityId = await world.authority();
      const proposal = await world.propose({
        editionId: agreementEdition,
        authorityId,
        service: 'rsa',
        level: 2,
      });
      if (firstLevel === 2)
        await confirmAssessment(world.db, { assessmentId: proposal.id, reviewer: ANNE }, later);
      else {
        await correctAssessment(
          world.db,
          { assessmentId: proposal.id, reviewer: ANNE, level: firstLevel, comment: 'vu' },
          later,
        );
      }
      await submitBlindReview(
        world.db,
        {
          editionId: agreementEdition,
          authorityId,
          serviceId: world.services.rsa,
          reviewer: BRUNO,
          level: blindLevel,
        },
        later,
      );
    }
    const agreement = await editionAgreement(world.db, agreementEdition);
    // κ = (2/3 − 2/9) / (1 − 2/9) = (4/9) / (7/9) = 4/7.
    expect(agreement.kappa).toBeCloseTo(4 / 7, 12);
    expect(agreement.observed).toBeCloseTo(2 / 3, 12);
    expect(agreement.expected).toBeCloseTo(2 / 9, 12);
    // The shared statistics module gives the interval with it.
    expect(agreement.statistics).toMatchObject({ status: 'ok', weighting: 'unweighted', n: 3 });
    expect(agreement.matrix[3]).toEqual([0, 0, 0, 0, 1]);
    expect(agreement).toMatchObject({ pairs: 3, agreements: 2, disagreements: 1, arbitrated: 0 });
    const disagreements = await listDisagreements(world.db, { editionId: agreementEdition });
    expect(disagreements).toHaveLength(1);
    expect(disagreements[0]).toMatchObject({
      firstLevel: 3,
      blindLevel: 4,
      firstReviewer: ANNE,
      blindReviewer: BRUNO,
    });
  });

  it('arbitration by a third analyst becomes the current assessment and records both reviews and the arbiter', async () => {
    const authorityId = await world.authority();
    const triple = { editionId, authorityId, serviceId: world.services.apa };
    const proposal = await world.propose({ editionId, authorityId, service: 'apa', level: 2 });
    const first = await confirmAssessment(world.db, { assessmentId: proposal.id, reviewer: ANNE }, later);
    const blind = await submitBlindReview(world.db, { ...triple, reviewer: BRUNO, level: 4 }, later);

    const byReviewer = await refusal(
      arbitrate(world.db, { blindReviewId: blind.id, arbiter: BRUNO, level: 4, comment: 'x' }, later),
    );
    expect(byReviewer.message).toContain('troisième analyste');

    const { assessment, event, arbitration } = await arbitrate(
      world.db,
      { blindReviewId: blind.id, arbiter: CLAIRE, level: 3, comment: 'Dépôt en ligne, pas de suivi' },
      later,
    );
    expect(assessment).toMatchObject({
      level: 3,
      source: 'analyst',
      reviewer: CLAIRE,
      supersedes_id: first.assessment.id,
    });
    expect(arbitration).toMatchObject({
      blind_review_id: blind.id,
      first_assessment_id: first.assessment.id,
      arbiter: CLAIRE,
      level: 3,
      assessment_id: assessment.id,
    });
    expect(event.action).toBe('arbitrated');
    expect(JSON.parse(event.details)).toEqual({
      blindReviewId: blind.id,
      firstAssessmentId: first.assessment.id,
      firstLevel: 2,
      firstReviewer: ANNE,
      blindLevel: 4,
      blindReviewer: BRUNO,
    });
    expect((await currentAssessment(world.db, triple))?.id).toBe(assessment.id);

    const again = await refusal(
      arbitrate(world.db, { blindReviewId: blind.id, arbiter: CLAIRE, level: 2, comment: 'x' }, later),
    );
    expect(again.message).toContain('déjà été arbitré');
    // An arbitrated decision is not a first review to check blind again.
    await expect(blindReviewTask(world.db, { ...triple, reviewer: 'denis@example.fr' })).rejects.toThrow(
      /n’attend pas de double revue/,
    );
  });

  it('refuses to arbitrate when the two analysts agree', async () => {
    const authorityId = await world.authority();
    const proposal = await world.propose({ editionId, authorityId, service: 'rsa', level: 1 });
    await confirmAssessment(world.db, { assessmentId: proposal.id, reviewer: ANNE }, later);
    const blind = await submitBlindReview(
      world.db,
      { editionId, authorityId, serviceId: world.services.rsa, reviewer: BRUNO, level: 1 },
      later,
    );
    const error = await refusal(
      arbitrate(world.db, { blindReviewId: blind.id, arbiter: CLAIRE, level: 2, comment: 'x' }, later),
    );
    expect(error.message).toContain('d’accord');
  });

  it('concurrent confirmations of different proposals are all recorded', async () => {
    const authorityId = await world.authority();
    const proposals = await Promise.all(
      (['rsa', 'apa', 'fsl'] as const).map((service) =>
        world.propose({ editionId, authorityId, service, level: 2 }),
      ),
    );
    const outcomes = await Promise.all(
      proposals.map((p, i) =>
        confirmAssessment(
          world.db,
          { assessmentId: p.id, reviewer: [ANNE, BRUNO, CLAIRE][i] ?? ANNE },
          later,
        ),
      ),
    );
    expect(outcomes.map((o) => o.assessment.supersedes_id)).toEqual(proposals.map((p) => p.id));
  });

  it('concurrent confirmations of the same proposal: one is recorded, the others are refused, none is lost silently', async () => {
    const authorityId = await world.authority();
    const triple = { editionId, authorityId, serviceId: world.services.rsa };
    const proposal = await world.propose({ editionId, authorityId, service: 'rsa', level: 2 });
    const reviewers = Array.from({ length: 8 }, (_, i) => `analyste${i}@example.fr`);

    const results = await Promise.allSettled(
      reviewers.map((reviewer) =>
        confirmAssessment(world.db, { assessmentId: proposal.id, reviewer }, later),
      ),
    );
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(7);
    for (const r of rejected) {
      expect(r.reason).toBeInstanceOf(UserError);
      expect((r.reason as UserError).code).toBe('conflict');
    }
    const history = await assessmentHistory(world.db, triple);
    expect(history).toHaveLength(2);
    const events = await reviewHistory(world.db, triple);
    expect(events.map((e) => e.event?.action)).toEqual([undefined, 'confirmed']);
  });

  it('the history of a service shows each row with the action, author and date that appended it', async () => {
    const authorityId = await world.authority();
    const triple = { editionId, authorityId, serviceId: world.services.fsl };
    const proposal = await world.propose({ editionId, authorityId, service: 'fsl', level: 1 });
    const confirmed = await confirmAssessment(world.db, { assessmentId: proposal.id, reviewer: ANNE }, later);
    await correctAssessment(
      world.db,
      {
        assessmentId: confirmed.assessment.id,
        reviewer: BRUNO,
        level: 2,
        comment: 'Formulaire à télécharger',
      },
      later,
    );
    const history = await reviewHistory(world.db, triple);
    expect(
      history.map((h) => [h.assessment.source, h.assessment.level, h.event?.action, h.event?.actor]),
    ).toEqual([
      ['crawler', 1, undefined, undefined],
      ['analyst', 1, 'confirmed', ANNE],
      ['analyst', 2, 'corrected', BRUNO],
    ]);
  });
});
