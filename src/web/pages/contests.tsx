import type { ContestListItem } from '../../assessments/contests.service.ts';
import type { ContestStatus } from '../../db/schema.ts';
import { plural } from '../../shared/french-typography.ts';
import { authorityKindName } from '../../territories/authority-lookup.ts';
import type { FieldError } from '../components/error-summary.tsx';
import { CsrfField } from '../components/form-fields.tsx';
import { LevelTag } from '../components/level-tag.tsx';
import { FieldErrorMessage, LevelRadios, TextArea } from '../components/review-fields.tsx';
import { ReviewLayout } from '../components/review-layout.tsx';
import type { PageChrome } from '../layout/layout.tsx';

export const CONTEST_STATUS_LABELS: Record<ContestStatus, string> = {
  open: 'En cours',
  accepted: 'Acceptée',
  rejected: 'Rejetée',
};

export interface ContestsView {
  year: number;
  status: ContestStatus | undefined;
  contests: readonly ContestListItem[];
  csrfToken: string;
  failed?: { contestId: number; decision?: string; level?: number; text?: string };
  errors: readonly FieldError[];
  done: boolean;
}

/** Authorities' contests with their justification, and the form deciding each open one. */
export function ContestsPage({ chrome, view }: { chrome: PageChrome; view: ContestsView }) {
  return (
    <ReviewLayout
      chrome={chrome}
      title={`Contestations — édition ${view.year}`}
      caption="Droit de réponse des collectivités"
      errors={view.errors}
      done={view.done ? 'La décision est enregistrée.' : undefined}
    >
      <form method="get" action="/admin/contestations" class="bm-filters" novalidate>
        <input type="hidden" name="edition" value={String(view.year)} />
        <div class="govuk-form-group">
          <label class="govuk-label" for="statut">
            Statut
          </label>
          <select class="govuk-select" id="statut" name="statut">
            <option value="">Tous</option>
            {(Object.keys(CONTEST_STATUS_LABELS) as ContestStatus[]).map((status) => (
              <option value={status} selected={view.status === status}>
                {CONTEST_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary">
          Filtrer
        </button>
      </form>
      <h2 class="govuk-heading-m">{plural(view.contests.length, 'contestation')}</h2>
      {view.contests.map((item) => (
        <ContestCard view={view} item={item} />
      ))}
    </ReviewLayout>
  );
}

function ContestCard({ view, item }: { view: ContestsView; item: ContestListItem }) {
  const { contest } = item;
  return (
    <section class="bm-card govuk-!-margin-bottom-6" aria-labelledby={`contestation-${contest.id}`}>
      <h3 class="govuk-heading-s" id={`contestation-${contest.id}`}>
        N° {contest.id} · {item.serviceName} — {item.authorityName} ({authorityKindName(item.authorityKind)}{' '}
        {item.authorityCode})
      </h3>
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Statut</dt>
          <dd class="govuk-summary-list__value">{CONTEST_STATUS_LABELS[contest.status]}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Évaluation contestée</dt>
          <dd class="govuk-summary-list__value">
            <a class="govuk-link" href={`/admin/revue/evaluations/${contest.assessment_id}`}>
              n° {contest.assessment_id}
            </a>
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Niveau demandé</dt>
          <dd class="govuk-summary-list__value">
            {contest.requested_level === null ? 'non précisé' : <LevelTag level={contest.requested_level} />}
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Justification</dt>
          <dd class="govuk-summary-list__value bm-prewrap">{contest.justification}</dd>
        </div>
        {contest.status !== 'open' ? (
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">Décision</dt>
            <dd class="govuk-summary-list__value">
              {contest.decision} ({contest.decider}
              {contest.decided_level !== null ? `, niveau ${contest.decided_level}` : ''})
            </dd>
          </div>
        ) : null}
      </dl>
      {contest.status === 'open' ? <DecisionForm view={view} contestId={contest.id} /> : null}
    </section>
  );
}

function DecisionForm({ view, contestId }: { view: ContestsView; contestId: number }) {
  const failed = view.failed?.contestId === contestId ? view.failed : undefined;
  const errors = failed ? view.errors : [];
  const decisionId = `decision-${contestId}`;
  return (
    <form method="post" action={`/admin/contestations/${contestId}?edition=${view.year}`} novalidate>
      <CsrfField token={view.csrfToken} />
      <div
        class={`govuk-form-group${errors.some((e) => e.field === decisionId) ? ' govuk-form-group--error' : ''}`}
      >
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Décision</legend>
          <FieldErrorMessage id={decisionId} errors={errors} />
          <div class="govuk-radios govuk-radios--small govuk-radios--inline">
            {(
              [
                ['accepted', 'Accepter'],
                ['rejected', 'Rejeter'],
              ] as const
            ).map(([value, label], index) => (
              <div class="govuk-radios__item">
                <input
                  class="govuk-radios__input"
                  id={index === 0 ? decisionId : `${decisionId}-${value}`}
                  name="decision"
                  type="radio"
                  value={value}
                  checked={failed?.decision === value}
                />
                <label
                  class="govuk-label govuk-radios__label"
                  for={index === 0 ? decisionId : `${decisionId}-${value}`}
                >
                  {label}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <LevelRadios
        id={`niveau-${contestId}`}
        name="niveau"
        legend="Nouveau niveau (si acceptée)"
        value={failed?.level}
        errors={errors}
      />
      <TextArea
        id={`motif-${contestId}`}
        name="motif"
        label="Motif de la décision"
        value={failed?.text}
        errors={errors}
      />
      <button type="submit" class="govuk-button">
        Enregistrer la décision
      </button>
    </form>
  );
}
