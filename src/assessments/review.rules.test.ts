import { describe, expect, it } from 'vitest';
import { refuseContest, refuseContestDecision } from './contests.rules.ts';
import {
  type CurrentAssessmentState,
  type EditionState,
  evidenceAfterReview,
  evidenceUrlOrRefusal,
  isRefusal,
  levelOrRefusal,
  refuseAdd,
  refuseArbitration,
  refuseBlindReview,
  refuseConfirm,
  refuseCorrect,
  refuseEvidence,
  reviewerOrRefusal,
} from './review.rules.ts';

const draft: EditionState = { year: 2026, status: 'draft' };
const published: EditionState = { year: 2026, status: 'published' };
const proposal: CurrentAssessmentState = { id: 10, level: 2, source: 'crawler', reviewer: null };
const review: CurrentAssessmentState = { id: 11, level: 3, source: 'analyst', reviewer: 'a@example.fr' };

describe('review transitions', () => {
  it('lets an analyst confirm the crawler proposal they saw', () => {
    expect(refuseConfirm({ edition: draft, seenId: 10, current: proposal })).toBeUndefined();
  });

  it('lets an analyst confirm an authority’s declaration, which also awaits review', () => {
    expect(
      refuseConfirm({ edition: draft, seenId: 10, current: { ...proposal, source: 'declared' } }),
    ).toBeUndefined();
  });

  it('refuses to confirm an assessment a person already made: it is corrected instead', () => {
    expect(refuseConfirm({ edition: draft, seenId: 11, current: review })?.code).toBe('already_reviewed');
  });

  it('refuses any action on an assessment replaced since the analyst read it', () => {
    const refusal = refuseConfirm({ edition: draft, seenId: 10, current: review });
    expect(refusal?.code).toBe('assessment_superseded');
    expect(refusal?.message).toContain('remplacée par la n° 11');
  });

  it('refuses every review on a published edition, pointing to errata', () => {
    for (const refusal of [
      refuseConfirm({ edition: published, seenId: 10, current: proposal }),
      refuseCorrect({ edition: published, seenId: 10, current: proposal, level: 4, comment: 'x' }),
      refuseEvidence({ edition: published, seenId: 10, current: proposal, note: 'x' }),
      refuseAdd({
        edition: published,
        current: undefined,
        serviceAppliesToAuthority: true,
        level: 0,
        evidenceUrl: undefined,
      }),
    ]) {
      expect(refusal?.code).toBe('edition_published');
      expect(refusal?.message).toContain('erratum');
    }
  });

  it('requires a comment to correct a level', () => {
    expect(
      refuseCorrect({ edition: draft, seenId: 10, current: proposal, level: 4, comment: undefined })?.code,
    ).toBe('comment_required');
    expect(
      refuseCorrect({ edition: draft, seenId: 10, current: proposal, level: 4, comment: 'Suivi en ligne' }),
    ).toBeUndefined();
  });

  it('refuses a correction to the level already in force: that is a confirmation', () => {
    expect(
      refuseCorrect({ edition: draft, seenId: 10, current: proposal, level: 2, comment: 'x' })?.code,
    ).toBe('same_level');
  });

  it('requires a note with each piece of evidence', () => {
    expect(refuseEvidence({ edition: draft, seenId: 10, current: proposal, note: undefined })?.code).toBe(
      'comment_required',
    );
  });

  it('adds a missed service only where there is no assessment, the authority exercises it, and with its page', () => {
    const base = {
      edition: draft,
      current: undefined,
      serviceAppliesToAuthority: true,
      level: 3 as const,
      evidenceUrl: 'https://x.fr/a',
    };
    expect(refuseAdd(base)).toBeUndefined();
    expect(refuseAdd({ ...base, current: proposal })?.code).toBe('already_assessed');
    expect(refuseAdd({ ...base, serviceAppliesToAuthority: false })?.code).toBe('not_applicable');
    expect(refuseAdd({ ...base, evidenceUrl: undefined })?.code).toBe('evidence_invalid');
    expect(refuseAdd({ ...base, level: 0, evidenceUrl: undefined })).toBeUndefined();
  });
});

describe('review inputs', () => {
  it('accepts levels 0 to 4 only', () => {
    expect(levelOrRefusal(4)).toBe(4);
    expect(isRefusal(levelOrRefusal(5))).toBe(true);
    expect(isRefusal(levelOrRefusal(1.5))).toBe(true);
  });

  it('names reviewers by their e-mail address in lower case', () => {
    expect(reviewerOrRefusal(' Anne.Martin@Example.FR ')).toBe('anne.martin@example.fr');
    expect(isRefusal(reviewerOrRefusal('anne'))).toBe(true);
  });

  it('takes only complete http(s) addresses as evidence', () => {
    expect(evidenceUrlOrRefusal('https://www.ain.fr/rsa')).toBe('https://www.ain.fr/rsa');
    expect(isRefusal(evidenceUrlOrRefusal('www.ain.fr/rsa'))).toBe(true);
    expect(isRefusal(evidenceUrlOrRefusal('javascript:alert(1)'))).toBe(true);
  });
});

describe('evidence after review', () => {
  const entry = {
    url: 'https://x.fr/b',
    note: 'Téléservice',
    by: 'a@example.fr',
    at: '2026-11-21T10:00:00.000Z',
  };

  it('adding keeps the crawler’s proof and appends the analyst’s page', () => {
    expect(evidenceAfterReview({ pages: [{ url: 'https://x.fr/a' }] }, entry, 'add', 7)).toEqual({
      pages: [{ url: 'https://x.fr/a' }],
      analystEvidence: [entry],
    });
  });

  it('replacing keeps only the analyst’s page and names the row that held the old proof', () => {
    expect(evidenceAfterReview({ pages: [{ url: 'https://x.fr/a' }] }, entry, 'replace', 7)).toEqual({
      analystEvidence: [entry],
      replacesEvidenceOf: 7,
    });
  });
});

describe('double review', () => {
  const base = {
    edition: draft,
    current: review,
    currentAction: 'corrected' as const,
    reviewer: 'b@example.fr',
    alreadyBlindReviewed: false,
  };

  it('lets a second analyst check a first analyst review blind', () => {
    expect(refuseBlindReview(base)).toBeUndefined();
  });

  it('refuses a blind review by the first reviewer', () => {
    expect(refuseBlindReview({ ...base, reviewer: 'a@example.fr' })?.code).toBe('blind_same_reviewer');
  });

  it('needs a first analyst review that is not itself a decision', () => {
    expect(refuseBlindReview({ ...base, current: proposal })?.code).toBe('blind_not_eligible');
    expect(refuseBlindReview({ ...base, current: undefined })?.code).toBe('blind_not_eligible');
    expect(refuseBlindReview({ ...base, currentAction: 'arbitrated' })?.code).toBe('blind_not_eligible');
    expect(refuseBlindReview({ ...base, currentAction: 'erratum' })?.code).toBe('blind_not_eligible');
  });

  it('takes one blind review per first review', () => {
    expect(refuseBlindReview({ ...base, alreadyBlindReviewed: true })?.code).toBe('blind_already_done');
  });

  const arbitration = {
    edition: draft,
    firstLevel: 3,
    blindLevel: 4,
    firstReviewer: 'a@example.fr',
    blindReviewer: 'b@example.fr',
    arbiter: 'c@example.fr',
    alreadyArbitrated: false,
    comment: 'Le suivi en ligne existe',
  };

  it('lets a third analyst settle a disagreement once, with a reason', () => {
    expect(refuseArbitration(arbitration)).toBeUndefined();
    expect(refuseArbitration({ ...arbitration, alreadyArbitrated: true })?.code).toBe('already_arbitrated');
    expect(refuseArbitration({ ...arbitration, comment: undefined })?.code).toBe('comment_required');
  });

  it('refuses an arbiter who is one of the two reviewers', () => {
    expect(refuseArbitration({ ...arbitration, arbiter: 'a@example.fr' })?.code).toBe('arbiter_is_reviewer');
    expect(refuseArbitration({ ...arbitration, arbiter: 'b@example.fr' })?.code).toBe('arbiter_is_reviewer');
  });

  it('has nothing to arbitrate when both analysts agree', () => {
    expect(refuseArbitration({ ...arbitration, blindLevel: 3 })?.code).toBe('no_disagreement');
  });
});

describe('right of reply', () => {
  const contest = {
    contestedId: 10,
    current: proposal,
    justification: 'Le téléservice existe depuis mars',
    contact: 'dgs@ain.fr',
    openContestId: undefined,
  };

  it('takes a justified contest, with a contact, against the assessment in force', () => {
    expect(refuseContest(contest)).toBeUndefined();
    expect(refuseContest({ ...contest, justification: undefined })?.code).toBe('contest_invalid');
    expect(refuseContest({ ...contest, contact: undefined })?.code).toBe('contest_invalid');
    expect(refuseContest({ ...contest, current: review })?.code).toBe('assessment_superseded');
  });

  it('keeps one open contest per service', () => {
    expect(refuseContest({ ...contest, openContestId: 3 })?.code).toBe('contest_already_open');
  });

  it('decides an open contest once, with a reason, and a level when accepted', () => {
    const decision = {
      contestId: 3,
      status: 'open' as const,
      decision: 'accepted' as const,
      decisionText: 'Vérifié',
      level: 3,
    };
    expect(refuseContestDecision(decision)).toBeUndefined();
    expect(refuseContestDecision({ ...decision, level: undefined })?.code).toBe('level_invalid');
    expect(refuseContestDecision({ ...decision, decision: 'rejected', level: undefined })).toBeUndefined();
    expect(refuseContestDecision({ ...decision, decisionText: undefined })?.code).toBe('comment_required');
    expect(refuseContestDecision({ ...decision, status: 'rejected' })?.code).toBe('contest_closed');
  });
});
