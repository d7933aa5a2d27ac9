import { type Command, InvalidArgumentError } from 'commander';
import { findServiceByKey, type TripleLabels } from '../../assessments/review.repository.ts';
import { isRefusal, reviewerOrRefusal } from '../../assessments/review.rules.ts';
import type { ReviewOutcome } from '../../assessments/review.service.ts';
import type { AuthorityKind, EditionRow } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { requireEdition } from '../../editions/editions.service.ts';
import type { AssessmentChanged } from '../../indicators/indicators-follow-up.ts';
import { DIGITALISATION_LEVELS, isDigitalisationLevel } from '../../referential/levels.ts';
import { UserError } from '../../shared/errors.ts';
import { authorityKindName, findAuthorityByCode } from '../../territories/authority-lookup.ts';
import type { CliContext } from '../context.ts';
import { withIndicatorsFollowUp } from '../indicators-after-review.ts';
import { parseAuthorityKind, parseYear } from '../parse-options.ts';

/**
 * What the review, double-review, publication and contest commands share: option parsers,
 * the (edition, authority, service) options, and how an assessment and its authority are printed.
 * Who acts is given by --reviewer until accounts exist.
 */

export function parseLevel(value: string): number {
  const level = Number(value);
  if (!isDigitalisationLevel(level)) throw new InvalidArgumentError('niveau attendu de 0 à 4.');
  return level;
}

export function parseLevels(value: string): number[] {
  return value.split(',').map((part) => parseLevel(part.trim()));
}

export function parseConfidence(value: string): number {
  const confidence = Number(value.replace(',', '.'));
  if (!Number.isFinite(confidence) || confidence < 0 || confidence > 1) {
    throw new InvalidArgumentError('confiance attendue entre 0 et 1, par exemple 0,6.');
  }
  return confidence;
}

export function parseReviewer(value: string): string {
  const reviewer = reviewerOrRefusal(value);
  if (isRefusal(reviewer)) throw new InvalidArgumentError(reviewer.message);
  return reviewer;
}

export const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
export const twoDecimals = new Intl.NumberFormat('fr-FR', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

export function levelLabel(level: number): string {
  return isDigitalisationLevel(level) ? `${level} (${DIGITALISATION_LEVELS[level].label})` : String(level);
}

export function authorityLabel(
  labels: Pick<TripleLabels, 'authorityName' | 'authorityKind' | 'authorityCode'>,
): string {
  return `${labels.authorityName} (${authorityKindName(labels.authorityKind)} ${labels.authorityCode})`;
}

export interface EditionOption {
  edition?: number;
}

export interface TripleOptions extends EditionOption {
  authority: string;
  kind?: AuthorityKind;
  service: string;
}

export async function editionOf(ctx: CliContext, db: Executor, options: EditionOption): Promise<EditionRow> {
  return requireEdition(db, options.edition ?? ctx.now().getUTCFullYear());
}

/** The (edition, authority, service) named by --edition, --authority, --kind and --service. */
export async function tripleOf(ctx: CliContext, db: Executor, options: TripleOptions) {
  const edition = await editionOf(ctx, db, options);
  const authority = await findAuthorityByCode(db, options.authority, options.kind);
  const service = await findServiceByKey(db, edition.referential_version, options.service);
  if (!service) {
    throw new UserError(
      'not_found',
      `Le service « ${options.service} » n’existe pas dans le référentiel ${edition.referential_version}.`,
    );
  }
  return {
    edition,
    authority,
    service,
    triple: { editionId: edition.id, authorityId: authority.id, serviceId: service.id },
  };
}

export type LevelOptions = TripleOptions & {
  reviewer: string;
  level: number;
  url?: string;
  comment?: string;
};

/** A level stated by an analyst on the command line, with its evidence URL and comment. */
export async function levelInput(ctx: CliContext, db: Executor, options: LevelOptions) {
  const { triple } = await tripleOf(ctx, db, options);
  return {
    ...triple,
    reviewer: options.reviewer,
    level: options.level,
    evidenceUrl: options.url ?? null,
    comment: options.comment ?? null,
  };
}

export const withEdition = (command: Command) =>
  command.option('--edition <année>', 'édition (par défaut : l’année en cours)', parseYear);
export const withTriple = (command: Command) =>
  withEdition(command)
    .requiredOption('--authority <code>', 'code INSEE, SIREN ou code de collectivité unique')
    .option('--kind <type>', 'type de collectivité quand le code est ambigu', parseAuthorityKind)
    .requiredOption('--service <clé>', 'clé du service dans le référentiel (ex. rsa)');
export const withReviewer = (command: Command, role = 'l’analyste') =>
  command.requiredOption('--reviewer <courriel>', `adresse électronique de ${role}`, parseReviewer);

/**
 * Runs a review action with its indicators follow-up (src/cli/indicators-after-review.ts), then
 * prints what it recorded.
 */
export async function reviewAndPrint<T extends ReviewOutcome>(
  ctx: CliContext,
  act: (db: Executor, afterChange: AssessmentChanged) => Promise<T>,
  verb: (outcome: T) => string,
): Promise<void> {
  const database = await ctx.database();
  await withIndicatorsFollowUp(ctx, database, async (afterChange) => {
    const outcome = await act(database.db, afterChange);
    printOutcome(ctx, verb(outcome), outcome);
  });
}

export function printOutcome(ctx: CliContext, verb: string, outcome: ReviewOutcome): void {
  const { assessment, event } = outcome;
  const before =
    event.level_before === null || event.level_before === event.level_after
      ? ''
      : ` (avant : niveau ${event.level_before})`;
  ctx.out.line(
    `${verb} : évaluation n° ${assessment.id}, niveau ${levelLabel(assessment.level)}${before}, par ${event.actor}.`,
  );
}
