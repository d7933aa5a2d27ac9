import { logChange } from '../audit-log/audit-log.repository.ts';
import { lockForTransaction } from '../db/dialect.ts';
import type { ModerationDecision } from '../db/schema.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { UserError } from '../shared/errors.ts';
import type { Classification, DomainClassifier } from './classification/classifier.ts';
import type { DomainTaxonomy } from './domains.ts';
import {
  checkModeration,
  checkOverride,
  emailOrProblem,
  FIELD_LABELS,
  type InitiativeFields,
  type ModerationStatus,
  parseDomainList,
  type RawInitiativeFields,
  validateInitiative,
} from './initiative.rules.ts';
import {
  appendClassification,
  type ClassificationRecord,
  classificationHistory,
  findInitiative,
  insertInitiative,
  insertModeration,
} from './initiatives.repository.ts';

/**
 * The registry's operations, for the CLI now and the submission form and admin pages later:
 * submit (classified at once, waiting for moderation), publish or reject, correct the
 * domains with history, read one initiative with its history.
 */

export interface ClassifierDeps {
  classifier: DomainClassifier;
  taxonomy: DomainTaxonomy;
}

/** What the classifier said, as stored: the deciding words per domain and every probability. */
export function classificationEvidence(classification: Classification): Record<string, unknown> {
  return {
    words: Object.fromEntries(classification.domains.map((entry) => [entry.domain, entry.words])),
    probabilities: classification.probabilities,
  };
}

/** The classifier's proposal as the first classification of an initiative just inserted in `db`'s transaction. */
export async function recordClassifierProposal(
  db: Executor,
  initiativeId: number,
  text: { title: string; description: string },
  deps: ClassifierDeps,
  now: Date,
  suggested: readonly string[] = [],
): Promise<Classification> {
  const classification = deps.classifier.classify(text.title, text.description);
  await appendClassification(
    db,
    {
      initiativeId,
      source: 'classifier',
      classifierVersion: deps.classifier.version,
      domains: classification.domains.map(({ domain, confidence }) => ({ domain, confidence })),
      // What the submitter suggested is kept beside the proposal, for the moderator to weigh.
      evidence: {
        ...classificationEvidence(classification),
        ...(suggested.length ? { suggested } : {}),
      },
    },
    now,
    { firstOfNew: true },
  );
  return classification;
}

function requireEmail(raw: string, option: string): string {
  const result = emailOrProblem(raw, option);
  if (!result.ok) throw new UserError('input_invalid', result.message);
  return result.email;
}

export interface Submission extends RawInitiativeFields {
  authorityId: number;
  submittedBy: string;
  /** Domain keys the submitter suggests (checked against the taxonomy); the classifier still decides. */
  suggestedDomains?: readonly string[];
}

/**
 * Records a submitted initiative and the classifier's proposal, with its audit-log record, in
 * one transaction; it waits for moderation.
 */
export async function submitInitiative(
  db: Executor,
  submission: Submission,
  deps: ClassifierDeps & { now: Date },
): Promise<{ id: number; classification: Classification }> {
  const submittedBy = requireEmail(submission.submittedBy, '--by');
  const checked = validateInitiative(submission, deps.now);
  const suggested = [...new Set(submission.suggestedDomains ?? [])];
  const unknown = suggested.filter((key) => !deps.taxonomy.domains.some((d) => d.key === key));
  if (unknown.length) {
    throw new UserError('input_invalid', `Domaines inconnus : ${unknown.join(', ')}.`, [
      { field: FIELD_LABELS.domains, message: `domaines inconnus : ${unknown.join(', ')}` },
    ]);
  }
  if (!checked.ok) {
    throw new UserError(
      'input_invalid',
      'Initiative non enregistrée : corrigez les champs signalés.',
      checked.problems.map((problem) => ({ field: FIELD_LABELS[problem.field], message: problem.message })),
    );
  }
  return inTransaction(db, async (trx) => {
    const id = await insertInitiative(
      trx,
      { ...checked.fields, authorityId: submission.authorityId, source: 'submission', submittedBy },
      deps.now,
    );
    const classification = await recordClassifierProposal(trx, id, checked.fields, deps, deps.now, suggested);
    await logChange(
      trx,
      {
        actor: submittedBy,
        action: 'initiative_submitted',
        entity: 'initiative',
        entityId: id,
        after: {
          authorityId: submission.authorityId,
          title: checked.fields.title,
          year: checked.fields.year,
          domains: classification.domains.map((entry) => entry.domain),
          ...(suggested.length ? { suggested } : {}),
        },
      },
      deps.now,
    );
    return { id, classification };
  });
}

export async function moderateInitiative(
  db: Executor,
  input: { id: number; decision: ModerationDecision; moderator: string; reason?: string },
  now: Date,
): Promise<void> {
  const moderator = requireEmail(input.moderator, '--by');
  await inTransaction(db, async (trx) => {
    // Two moderators at once: the second waits, then finds the decision taken.
    await lockForTransaction(trx, `initiative-moderation:${input.id}`);
    const initiative = await findInitiative(trx, input.id);
    const status: ModerationStatus | undefined = initiative
      ? (initiative.decision ?? 'submitted')
      : undefined;
    const refusal = checkModeration(status, input.decision, input.reason, input.id);
    if (refusal) throw new UserError(refusal.code, refusal.message);
    const reason = input.reason?.trim() || null;
    await insertModeration(trx, { initiativeId: input.id, decision: input.decision, moderator, reason }, now);
    await logChange(
      trx,
      {
        actor: moderator,
        action: input.decision === 'published' ? 'initiative_published' : 'initiative_rejected',
        entity: 'initiative',
        entityId: input.id,
        before: { status: status ?? null },
        after: { status: input.decision, ...(reason ? { reason } : {}) },
      },
      now,
    );
  });
}

/** An analyst's correction of the domains: appended, the previous classification stays in history. */
export async function overrideDomains(
  db: Executor,
  input: { id: number; domains: string; analyst: string; comment?: string },
  deps: { taxonomy: DomainTaxonomy; now: Date },
): Promise<string[]> {
  const analyst = requireEmail(input.analyst, '--by');
  const parsed = parseDomainList(input.domains, deps.taxonomy);
  if (!parsed.ok) throw new UserError('input_invalid', `Domaines invalides : ${parsed.message}.`);
  return inTransaction(db, async (trx) => {
    if (!(await findInitiative(trx, input.id)))
      throw new UserError('not_found', `Initiative n° ${input.id} introuvable.`);
    const history = await classificationHistory(trx, input.id);
    const current = history.at(-1)?.domains.map((entry) => entry.domain) ?? [];
    const refusal = checkOverride(current, parsed.domains, input.comment);
    if (refusal) throw new UserError('input_invalid', refusal);
    await appendClassification(
      trx,
      {
        initiativeId: input.id,
        source: 'analyst',
        analyst,
        comment: input.comment?.trim() ?? null,
        domains: parsed.domains.map((domain) => ({ domain, confidence: null })),
        evidence: { previous: current },
      },
      deps.now,
    );
    await logChange(
      trx,
      {
        actor: analyst,
        action: 'initiative_domains_overridden',
        entity: 'initiative',
        entityId: input.id,
        before: { domains: current },
        after: { domains: parsed.domains, comment: input.comment?.trim() ?? null },
      },
      deps.now,
    );
    return parsed.domains;
  });
}

export interface InitiativeDetail extends InitiativeFields {
  id: number;
  source: string;
  submittedBy: string;
  createdAt: string;
  authority: { name: string; kind: string; code: string };
  status: ModerationStatus;
  moderation: { moderator: string; reason: string | null; at: string } | null;
  /** Oldest first; the last one is current. */
  classifications: ClassificationRecord[];
}

export async function getInitiative(db: Executor, id: number): Promise<InitiativeDetail> {
  const row = await findInitiative(db, id);
  if (!row) throw new UserError('not_found', `Initiative n° ${id} introuvable.`);
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    year: row.year,
    url: row.url,
    progress: row.progress,
    contact: row.contact,
    source: row.source,
    submittedBy: row.submitted_by,
    createdAt: row.created_at,
    authority: { name: row.authority_name, kind: row.authority_kind, code: row.authority_code },
    status: row.decision ?? 'submitted',
    moderation:
      row.decision && row.moderator && row.moderated_at
        ? { moderator: row.moderator, reason: row.moderation_reason, at: row.moderated_at }
        : null,
    classifications: await classificationHistory(db, id),
  };
}
