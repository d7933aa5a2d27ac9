import type { AssessmentSource, EditionStatus, ReviewAction } from '../db/schema.ts';
import { type DigitalisationLevel, isDigitalisationLevel } from '../referential/levels.ts';
import type { UserErrorCode } from '../shared/errors.ts';

/**
 * Pure rules of the analysts' review workflow (docs/review-workflow.md): which transitions are
 * allowed from which state, what a review writes, and the agreement between two analysts.
 * Refusals are values with a French message; services turn them into errors at their edge.
 */

export type ReviewRefusalCode =
  | 'edition_published'
  | 'edition_not_published'
  | 'assessment_missing'
  | 'assessment_superseded'
  | 'already_reviewed'
  | 'already_assessed'
  | 'not_applicable'
  | 'comment_required'
  | 'same_level'
  | 'level_invalid'
  | 'evidence_invalid'
  | 'reviewer_invalid'
  | 'blind_not_eligible'
  | 'blind_same_reviewer'
  | 'blind_already_done'
  | 'no_disagreement'
  | 'already_arbitrated'
  | 'arbiter_is_reviewer'
  | 'contest_invalid'
  | 'contest_already_open'
  | 'contest_closed'
  | 'erratum_changes_nothing';

export interface ReviewRefusal {
  code: ReviewRefusalCode;
  message: string;
}

/** How each refusal reaches the user: the CLI exit code, later the HTTP status. */
export const REFUSAL_ERROR_CODES: Record<ReviewRefusalCode, UserErrorCode> = {
  edition_published: 'conflict',
  edition_not_published: 'conflict',
  assessment_missing: 'not_found',
  assessment_superseded: 'conflict',
  already_reviewed: 'conflict',
  already_assessed: 'conflict',
  not_applicable: 'input_invalid',
  comment_required: 'input_invalid',
  same_level: 'input_invalid',
  level_invalid: 'input_invalid',
  evidence_invalid: 'input_invalid',
  reviewer_invalid: 'input_invalid',
  blind_not_eligible: 'conflict',
  blind_same_reviewer: 'conflict',
  blind_already_done: 'conflict',
  no_disagreement: 'conflict',
  already_arbitrated: 'conflict',
  arbiter_is_reviewer: 'conflict',
  contest_invalid: 'input_invalid',
  contest_already_open: 'conflict',
  contest_closed: 'conflict',
  erratum_changes_nothing: 'input_invalid',
};

export const refuse = (code: ReviewRefusalCode, message: string): ReviewRefusal => ({ code, message });

export interface EditionState {
  year: number;
  status: EditionStatus;
}

/** What the rules need to know of the current assessment of a triple. */
export interface CurrentAssessmentState {
  id: number;
  level: number;
  source: AssessmentSource;
  reviewer: string | null;
}

/** Sources still awaiting an analyst: the crawler's proposals and the authorities' declarations. */
export const AWAITING_REVIEW: readonly AssessmentSource[] = ['crawler', 'declared'];

export function refuseIfPublished(edition: EditionState): ReviewRefusal | undefined {
  if (edition.status !== 'published') return undefined;
  return refuse(
    'edition_published',
    `L’édition ${edition.year} est publiée : ses évaluations sont figées. ` +
      'Une correction passe par un erratum (barometre erratum create) ou par l’édition suivante.',
  );
}

/** The analyst acts on what they saw: if someone changed the chain since, they must look again. */
export function refuseIfNotCurrent(
  seenId: number,
  current: CurrentAssessmentState | undefined,
): ReviewRefusal | undefined {
  if (!current) return refuse('assessment_missing', `L’évaluation n° ${seenId} n’existe pas.`);
  if (current.id === seenId) return undefined;
  return refuse(
    'assessment_superseded',
    `L’évaluation n° ${seenId} a été remplacée par la n° ${current.id} depuis que vous l’avez lue : ` +
      'relisez-la avant d’agir.',
  );
}

export function levelOrRefusal(level: number): DigitalisationLevel | ReviewRefusal {
  return isDigitalisationLevel(level)
    ? level
    : refuse('level_invalid', `Niveau ${level} invalide : un niveau va de 0 (absent) à 4 (de bout en bout).`);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Reviewers are named by their e-mail address, compared in lower case. */
export function reviewerOrRefusal(raw: string): string | ReviewRefusal {
  const email = raw.trim().toLowerCase();
  return EMAIL.test(email)
    ? email
    : refuse(
        'reviewer_invalid',
        `« ${raw} » n’est pas une adresse électronique : --reviewer prenom.nom@exemple.fr`,
      );
}

/** Trimmed text, or undefined when there is none. */
export function cleanText(text: string | null | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

export function evidenceUrlOrRefusal(raw: string): string | ReviewRefusal {
  const invalid = refuse('evidence_invalid', `« ${raw} » n’est pas une adresse web http(s) complète.`);
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : invalid;
  } catch {
    return invalid;
  }
}

export function isRefusal(value: unknown): value is ReviewRefusal {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}

/** Confirming keeps the level of a proposal still awaiting review, as the analyst's own. */
export function refuseConfirm(input: {
  edition: EditionState;
  seenId: number;
  current: CurrentAssessmentState | undefined;
}): ReviewRefusal | undefined {
  const refusal = refuseIfPublished(input.edition) ?? refuseIfNotCurrent(input.seenId, input.current);
  if (refusal || !input.current) return refusal;
  if (AWAITING_REVIEW.includes(input.current.source)) return undefined;
  return refuse(
    'already_reviewed',
    `L’évaluation n° ${input.current.id} vient déjà d’une personne (${input.current.source}) : ` +
      'corrigez-la (barometre review correct) si son niveau est faux.',
  );
}

/** Correcting changes the level, of any current assessment, and always says why. */
export function refuseCorrect(input: {
  edition: EditionState;
  seenId: number;
  current: CurrentAssessmentState | undefined;
  level: DigitalisationLevel;
  comment: string | undefined;
}): ReviewRefusal | undefined {
  const refusal = refuseIfPublished(input.edition) ?? refuseIfNotCurrent(input.seenId, input.current);
  if (refusal || !input.current) return refusal;
  if (input.current.level === input.level) {
    return refuse(
      'same_level',
      `L’évaluation n° ${input.current.id} est déjà au niveau ${input.level} : confirmez-la plutôt (barometre review confirm).`,
    );
  }
  if (!input.comment) {
    return refuse('comment_required', 'Une correction de niveau doit être justifiée : ajoutez --comment.');
  }
  return undefined;
}

/** Adding or replacing evidence keeps the level; the note says what the page shows. */
export function refuseEvidence(input: {
  edition: EditionState;
  seenId: number;
  current: CurrentAssessmentState | undefined;
  note: string | undefined;
}): ReviewRefusal | undefined {
  const refusal = refuseIfPublished(input.edition) ?? refuseIfNotCurrent(input.seenId, input.current);
  if (refusal) return refusal;
  if (!input.note) {
    return refuse('comment_required', 'Une preuve s’accompagne d’une note disant ce que montre la page.');
  }
  return undefined;
}

/**
 * Adding a service the crawler missed: only where the service has no assessment at all (a 0
 * proposed by the crawler is corrected, not added), only for a service the authority exercises,
 * and with the page that shows it unless the level is 0.
 */
export function refuseAdd(input: {
  edition: EditionState;
  current: CurrentAssessmentState | undefined;
  serviceAppliesToAuthority: boolean;
  level: DigitalisationLevel;
  evidenceUrl: string | undefined;
}): ReviewRefusal | undefined {
  const refusal = refuseIfPublished(input.edition);
  if (refusal) return refusal;
  if (input.current) {
    return refuse(
      'already_assessed',
      `Ce service a déjà une évaluation (n° ${input.current.id}, niveau ${input.current.level}) : ` +
        'confirmez-la ou corrigez-la.',
    );
  }
  if (!input.serviceAppliesToAuthority) {
    return refuse('not_applicable', 'Ce service ne relève pas des compétences de cette collectivité.');
  }
  if (input.level > 0 && !input.evidenceUrl) {
    return refuse(
      'evidence_invalid',
      'Un service trouvé s’ajoute avec la page qui le montre : ajoutez --url.',
    );
  }
  return undefined;
}

export interface AnalystEvidence {
  url: string;
  note: string;
  by: string;
  at: string;
}

/**
 * The evidence JSON of a reviewed assessment. Adding keeps what was there and appends the
 * analyst's page; replacing keeps only the analyst's page and says which row held the old one
 * (still in the history).
 */
export function evidenceAfterReview(
  previous: Record<string, unknown>,
  entry: AnalystEvidence,
  mode: 'add' | 'replace',
  previousAssessmentId: number,
): Record<string, unknown> {
  if (mode === 'replace') return { analystEvidence: [entry], replacesEvidenceOf: previousAssessmentId };
  const earlier = Array.isArray(previous.analystEvidence) ? previous.analystEvidence : [];
  return { ...previous, analystEvidence: [...earlier, entry] };
}

/** Actions whose result is final for double review: it is not a first review to check blind. */
export const DECISIVE_ACTIONS: readonly ReviewAction[] = ['arbitrated', 'contest_accepted', 'erratum'];

/**
 * A blind review checks a first analyst review: the current assessment must be one, by
 * someone else, not already checked, and not itself a decision (arbitration, contest, erratum).
 */
export function refuseBlindReview(input: {
  edition: EditionState;
  current: CurrentAssessmentState | undefined;
  currentAction: ReviewAction | undefined;
  reviewer: string;
  alreadyBlindReviewed: boolean;
}): ReviewRefusal | undefined {
  const refusal = refuseIfPublished(input.edition);
  if (refusal) return refusal;
  const { current } = input;
  if (
    current?.source !== 'analyst' ||
    (input.currentAction !== undefined && DECISIVE_ACTIONS.includes(input.currentAction))
  ) {
    return refuse(
      'blind_not_eligible',
      'Ce service n’attend pas de double revue : il faut une première revue d’analyste, non encore arbitrée.',
    );
  }
  if (current.reviewer === input.reviewer) {
    return refuse(
      'blind_same_reviewer',
      'Vous avez fait la première revue : la double revue revient à un autre analyste.',
    );
  }
  if (input.alreadyBlindReviewed) {
    return refuse('blind_already_done', 'Cette revue a déjà reçu sa double revue à l’aveugle.');
  }
  return undefined;
}

/** An arbiter decides between two analysts who disagree, and is neither of them. */
export function refuseArbitration(input: {
  edition: EditionState;
  firstLevel: number;
  blindLevel: number;
  firstReviewer: string | null;
  blindReviewer: string;
  arbiter: string;
  alreadyArbitrated: boolean;
  comment: string | undefined;
}): ReviewRefusal | undefined {
  const refusal = refuseIfPublished(input.edition);
  if (refusal) return refusal;
  if (input.alreadyArbitrated) return refuse('already_arbitrated', 'Ce désaccord a déjà été arbitré.');
  if (input.firstLevel === input.blindLevel) {
    return refuse('no_disagreement', 'Les deux analystes sont d’accord : il n’y a rien à arbitrer.');
  }
  if (input.arbiter === input.firstReviewer || input.arbiter === input.blindReviewer) {
    return refuse(
      'arbiter_is_reviewer',
      'L’arbitre doit être un troisième analyste, ni l’un ni l’autre des deux.',
    );
  }
  if (!input.comment) return refuse('comment_required', 'Un arbitrage doit être motivé : ajoutez --comment.');
  return undefined;
}
