import { findAssessment } from '../assessments/assessments.repository.ts';
import { decideContest, listContests } from '../assessments/contests.service.ts';
import {
  blindReviewCandidates,
  findServiceByKey,
  reviewQueue,
  tripleLabels,
} from '../assessments/review.repository.ts';
import {
  addMissedService,
  arbitrate,
  blindReviewTask,
  confirmAssessment,
  correctAssessment,
  editionAgreement,
  listDisagreements,
  requireEditionById,
  reviewHistory,
  submitBlindReview,
  tripleOf,
} from '../assessments/review.service.ts';
import type { Executor } from '../db/transaction.ts';
import type { AssessmentChanged } from '../indicators/indicators-follow-up.ts';
import { UserError } from '../shared/errors.ts';
import { findAuthorityByCode } from '../territories/authority-lookup.ts';
import type { WebReview } from '../web/web-review.ts';

/**
 * The review screens' services over one database: the same functions the CLI calls, each review
 * followed by `afterChange` (the edition's indicators catching up).
 */
export function buildWebReview(db: Executor, now: () => Date, afterChange: AssessmentChanged): WebReview {
  return {
    authorityByCode: (code, kind) => findAuthorityByCode(db, code, kind),
    queue: (filters) => reviewQueue(db, filters),
    async item(assessmentId) {
      const assessment = await findAssessment(db, assessmentId);
      if (!assessment) return undefined;
      const triple = tripleOf(assessment);
      const [labels, history] = await Promise.all([tripleLabels(db, triple), reviewHistory(db, triple)]);
      const current = history.at(-1)?.assessment ?? assessment;
      return { assessment, labels, current, history };
    },
    confirm: (input) => confirmAssessment(db, input, now(), afterChange),
    correct: (input) => correctAssessment(db, input, now(), afterChange),
    async addMissed({ serviceKey, ...input }) {
      const edition = await requireEditionById(db, input.editionId);
      const service = await findServiceByKey(db, edition.referential_version, serviceKey);
      if (!service)
        throw new UserError(
          'not_found',
          `Le service « ${serviceKey} » n’est pas au référentiel ${edition.referential_version}.`,
        );
      return addMissedService(db, { ...input, serviceId: service.id }, now(), afterChange);
    },
    blindCandidates: (input) => blindReviewCandidates(db, input),
    blindTask: (input) => blindReviewTask(db, input),
    submitBlind: (input) => submitBlindReview(db, input, now()),
    agreement: (editionId) => editionAgreement(db, editionId),
    disagreements: (input) => listDisagreements(db, input),
    arbitrate: (input) => arbitrate(db, input, now(), afterChange),
    contests: (input) => listContests(db, input),
    decideContest: (input) => decideContest(db, input, now(), afterChange),
  };
}
