import {
  type CurrentAssessmentState,
  type EditionState,
  type ReviewRefusal,
  refuse,
} from '../assessments/review.rules.ts';
import type { AssessmentSource } from '../db/schema.ts';

/**
 * Pure rules of publication and errata (docs/review-workflow.md): an edition is published
 * once, which freezes its assessments; afterwards an erratum is the only way to change one.
 */

export function refusePublication(
  edition: EditionState & { publishedAt: string | null },
): ReviewRefusal | undefined {
  if (edition.status !== 'published') return undefined;
  return refuse(
    'edition_published',
    `L’édition ${edition.year} est déjà publiée${edition.publishedAt ? ` (le ${edition.publishedAt.slice(0, 10)})` : ''}.`,
  );
}

/**
 * An erratum corrects a published edition only, says why, and changes something: the level,
 * or the proof (a new evidence URL).
 */
export function refuseErratum(input: {
  edition: EditionState;
  current: (CurrentAssessmentState & { evidenceUrl: string | null }) | undefined;
  level: number;
  reason: string | undefined;
  evidenceUrl: string | null;
}): ReviewRefusal | undefined {
  if (input.edition.status !== 'published') {
    return refuse(
      'edition_not_published',
      `L’édition ${input.edition.year} n’est pas publiée : corrigez l’évaluation directement (barometre review correct).`,
    );
  }
  if (!input.reason) return refuse('comment_required', 'Un erratum doit être motivé : ajoutez --reason.');
  const sameLevel = input.current?.level === input.level;
  const sameProof = input.evidenceUrl === null || input.evidenceUrl === input.current?.evidenceUrl;
  if (sameLevel && sameProof) {
    return refuse(
      'erratum_changes_nothing',
      `L’évaluation publiée est déjà au niveau ${input.level} : un erratum doit changer le niveau ou la preuve.`,
    );
  }
  return undefined;
}

export interface PublicationSummary {
  assessments: number;
  bySource: Partial<Record<AssessmentSource, number>>;
  openContests: number;
  pendingDisagreements: number;
}

/** What a publisher should know about what they froze (none of it prevents publication). */
export function publicationWarnings(summary: PublicationSummary): string[] {
  const warnings: string[] = [];
  const unreviewed = summary.bySource.crawler ?? 0;
  if (unreviewed > 0) {
    warnings.push(
      `${unreviewed} évaluation(s) publiée(s) telles que proposées par le robot, sans revue d’analyste.`,
    );
  }
  const declared = summary.bySource.declared ?? 0;
  if (declared > 0) warnings.push(`${declared} déclaration(s) de collectivité publiée(s) sans revue.`);
  if (summary.pendingDisagreements > 0) {
    warnings.push(
      `${summary.pendingDisagreements} désaccord(s) de double revue non arbitré(s) : la première revue est publiée.`,
    );
  }
  if (summary.openContests > 0) {
    warnings.push(
      `${summary.openContests} contestation(s) en cours : leur acceptation passera par un erratum.`,
    );
  }
  return warnings;
}
