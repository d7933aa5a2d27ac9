import type { ContestStatus } from '../db/schema.ts';
import { type CurrentAssessmentState, type ReviewRefusal, refuse } from './review.rules.ts';

/**
 * Pure rules of the authorities' right of reply (docs/review-workflow.md). A contest is filed
 * against the assessment in force, stays open until a person decides it, and is decided once.
 */

export function refuseContest(input: {
  contestedId: number;
  current: CurrentAssessmentState | undefined;
  justification: string | undefined;
  contact: string | undefined;
  openContestId: number | undefined;
}): ReviewRefusal | undefined {
  if (!input.current || input.current.id !== input.contestedId) {
    return refuse(
      'assessment_superseded',
      `L’évaluation n° ${input.contestedId} n’est plus en vigueur` +
        `${input.current ? ` (remplacée par la n° ${input.current.id})` : ''} : contestez celle qui l’est.`,
    );
  }
  if (!input.justification) {
    return refuse('contest_invalid', 'Une contestation doit être justifiée : ajoutez --justification.');
  }
  if (!input.contact) {
    return refuse(
      'contest_invalid',
      'Une contestation indique comment joindre son auteur : ajoutez --contact.',
    );
  }
  if (input.openContestId !== undefined) {
    return refuse(
      'contest_already_open',
      `La contestation n° ${input.openContestId} sur ce service est déjà en cours : complétez-la plutôt.`,
    );
  }
  return undefined;
}

export type ContestDecision = 'accepted' | 'rejected';

export function refuseContestDecision(input: {
  contestId: number;
  status: ContestStatus;
  decision: ContestDecision;
  decisionText: string | undefined;
  level: number | undefined;
}): ReviewRefusal | undefined {
  if (input.status !== 'open') {
    const status = input.status === 'accepted' ? 'acceptée' : 'rejetée';
    return refuse('contest_closed', `La contestation n° ${input.contestId} a déjà été ${status}.`);
  }
  if (!input.decisionText) {
    return refuse('comment_required', 'Une décision sur une contestation est motivée : ajoutez --decision.');
  }
  if (input.decision === 'accepted' && input.level === undefined) {
    return refuse('level_invalid', 'Une contestation acceptée fixe le niveau retenu : ajoutez --level.');
  }
  return undefined;
}
