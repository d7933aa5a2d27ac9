import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../test/support/databases.ts';
import { createReviewWorld, type ReviewWorld } from '../../test/support/review-world.ts';
import { refusal } from '../../test/support/user-error.ts';
import { listErrata, publishEdition } from '../editions/publication.service.ts';
import { assessmentHistory, currentAssessment } from './assessments.repository.ts';
import { createContest, decideContest, listContests } from './contests.service.ts';
import { confirmAssessment, reviewHistory } from './review.service.ts';

const ANNE = 'anne@example.fr';
const DECIDER = 'claire@example.fr';
const filed = new Date('2026-11-25T09:00:00Z');
const decided = new Date('2026-11-28T16:00:00Z');

describe.each(TEST_ENGINES)('right of reply on %s', (engine) => {
  let world: ReviewWorld;
  let draftEdition: number;

  beforeAll(async () => {
    world = await createReviewWorld(engine);
    draftEdition = await world.edition(2026);
  });
  afterAll(async () => world.database.close());

  const contestInput = (assessmentId: number) => ({
    assessmentId,
    justification: 'Le téléservice de demande d’APA est en ligne depuis mars',
    contact: 'dgs@collectivite.fr',
    requestedLevel: 3,
  });

  it('a contest accepted on a draft edition appends an analyst assessment at the decided level', async () => {
    const authorityId = await world.authority();
    const triple = { editionId: draftEdition, authorityId, serviceId: world.services.apa };
    const proposal = await world.propose({ editionId: draftEdition, authorityId, service: 'apa', level: 1 });

    const contest = await createContest(world.db, contestInput(proposal.id), filed);
    expect(contest).toMatchObject({
      assessment_id: proposal.id,
      status: 'open',
      requested_level: 3,
      contact: 'dgs@collectivite.fr',
      created_at: filed.toISOString(),
      decided_at: null,
    });

    const outcome = await decideContest(
      world.db,
      {
        contestId: contest.id,
        decision: 'accepted',
        decisionText: 'Vérifié en ligne',
        decider: DECIDER,
        level: 3,
      },
      decided,
    );
    expect(outcome.recordedAs).toBe('appended');
    expect(outcome.contest).toMatchObject({
      status: 'accepted',
      decided_level: 3,
      decision: 'Vérifié en ligne',
      decider: DECIDER,
      decided_at: decided.toISOString(),
      resulting_assessment_id: outcome.review?.assessment.id,
    });
    const current = await currentAssessment(world.db, triple);
    expect(current).toMatchObject({
      level: 3,
      source: 'analyst',
      reviewer: DECIDER,
      supersedes_id: proposal.id,
    });
    const history = await reviewHistory(world.db, triple);
    expect(history.at(-1)?.event).toMatchObject({ action: 'contest_accepted', actor: DECIDER });
    expect(JSON.parse(history.at(-1)?.event?.details ?? '{}')).toEqual({ contestId: contest.id });
  });

  it('a rejected contest changes no assessment and keeps the decision', async () => {
    const authorityId = await world.authority();
    const triple = { editionId: draftEdition, authorityId, serviceId: world.services.rsa };
    const proposal = await world.propose({ editionId: draftEdition, authorityId, service: 'rsa', level: 2 });
    const contest = await createContest(world.db, contestInput(proposal.id), filed);

    const outcome = await decideContest(
      world.db,
      {
        contestId: contest.id,
        decision: 'rejected',
        decisionText: 'Le lien mène à un formulaire à imprimer',
        decider: DECIDER,
      },
      decided,
    );
    expect(outcome).toMatchObject({ recordedAs: null, review: null, erratumId: null });
    expect(outcome.contest).toMatchObject({
      status: 'rejected',
      decided_level: null,
      resulting_assessment_id: null,
    });
    expect(await assessmentHistory(world.db, triple)).toHaveLength(1);

    const again = await refusal(
      decideContest(
        world.db,
        { contestId: contest.id, decision: 'accepted', decisionText: 'x', decider: DECIDER, level: 3 },
        decided,
      ),
    );
    expect(again.message).toContain('a déjà été rejetée');
  });

  it('a contest accepted on a published edition goes through an erratum linked to it', async () => {
    const edition = await world.edition(2030);
    const authorityId = await world.authority();
    const triple = { editionId: edition, authorityId, serviceId: world.services.fsl };
    const proposal = await world.propose({
      editionId: edition,
      authorityId,
      service: 'fsl',
      level: 0,
      confidence: null,
    });
    const reviewed = await confirmAssessment(world.db, { assessmentId: proposal.id, reviewer: ANNE }, filed);
    await publishEdition(world.db, { year: 2030, publisher: 'direction@example.fr' }, filed);

    const contest = await createContest(world.db, contestInput(reviewed.assessment.id), filed);
    const outcome = await decideContest(
      world.db,
      {
        contestId: contest.id,
        decision: 'accepted',
        decisionText: 'Page trouvée',
        decider: DECIDER,
        level: 2,
      },
      decided,
    );
    expect(outcome.recordedAs).toBe('erratum');
    const errata = await listErrata(world.db, edition);
    expect(errata).toHaveLength(1);
    expect(errata[0]?.erratum).toMatchObject({
      id: outcome.erratumId,
      contest_id: contest.id,
      level_before: 0,
      level_after: 2,
      author: DECIDER,
      reason: `Contestation n° ${contest.id} acceptée : Page trouvée`,
    });
    expect((await currentAssessment(world.db, triple))?.level).toBe(2);
    expect(outcome.contest.resulting_assessment_id).toBe(errata[0]?.erratum.assessment_id);
  });

  it('accepting a contest whose level is already in force records the decision without a new assessment', async () => {
    const authorityId = await world.authority();
    const proposal = await world.propose({ editionId: draftEdition, authorityId, service: 'fsl', level: 3 });
    const contest = await createContest(world.db, contestInput(proposal.id), filed);
    const outcome = await decideContest(
      world.db,
      {
        contestId: contest.id,
        decision: 'accepted',
        decisionText: 'Déjà au bon niveau',
        decider: DECIDER,
        level: 3,
      },
      decided,
    );
    expect(outcome.recordedAs).toBe('unchanged');
    expect(outcome.contest.resulting_assessment_id).toBe(proposal.id);
  });

  it('takes a justified contest with a contact, one open per service, against the assessment in force', async () => {
    const authorityId = await world.authority();
    const proposal = await world.propose({ editionId: draftEdition, authorityId, service: 'rsa', level: 2 });

    expect(
      (await refusal(createContest(world.db, { ...contestInput(proposal.id), justification: '' }, filed)))
        .code,
    ).toBe('input_invalid');
    expect(
      (await refusal(createContest(world.db, { ...contestInput(proposal.id), contact: ' ' }, filed))).code,
    ).toBe('input_invalid');
    const first = await createContest(world.db, contestInput(proposal.id), filed);
    const second = await refusal(createContest(world.db, contestInput(proposal.id), filed));
    expect(second.message).toContain(`n° ${first.id}`);

    const needsLevel = await refusal(
      decideContest(
        world.db,
        { contestId: first.id, decision: 'accepted', decisionText: 'ok', decider: DECIDER },
        decided,
      ),
    );
    expect(needsLevel.message).toContain('--level');

    await confirmAssessment(world.db, { assessmentId: proposal.id, reviewer: ANNE }, filed);
    const stale = await refusal(createContest(world.db, contestInput(proposal.id), filed));
    expect(stale.message).toContain('n’est plus en vigueur');

    const open = await listContests(world.db, { editionId: draftEdition, status: 'open' });
    expect(open.map((c) => c.contest.id)).toContain(first.id);
    expect(open.find((c) => c.contest.id === first.id)).toMatchObject({ authorityId, serviceKey: 'rsa' });
  });
});
