import type { TripleLabels } from '../../assessments/review.repository.ts';
import type { HistoryEntry } from '../../assessments/review.service.ts';
import type { AssessmentRow } from '../../db/schema.ts';
import { formatDecimal } from '../../shared/french-typography.ts';
import { authorityKindName } from '../../territories/authority-lookup.ts';
import type { FieldError } from '../components/error-summary.tsx';
import { EvidenceView } from '../components/evidence-view.tsx';
import { CsrfField } from '../components/form-fields.tsx';
import { LevelTag } from '../components/level-tag.tsx';
import { LevelFormFields, TextArea } from '../components/review-fields.tsx';
import { ReviewLayout } from '../components/review-layout.tsx';
import type { PageChrome } from '../layout/layout.tsx';
import { ReviewHistoryTable, SOURCE_LABELS } from './review-history.tsx';

export interface ReviewItemView {
  year: number;
  labels: TripleLabels;
  /** The assessment the URL names; may have been superseded since. */
  assessment: AssessmentRow;
  current: AssessmentRow;
  history: readonly HistoryEntry[];
  csrfToken: string;
  /** What the person typed, shown again with the errors. */
  form: { level?: number; comment?: string; url?: string; confirmComment?: string };
  errors: readonly FieldError[];
  /** Back to the queue view the person came from. */
  queueHref: string;
}

const AWAITING = new Set(['crawler', 'declared']);

export function ReviewItemPage({ chrome, view }: { chrome: PageChrome; view: ReviewItemView }) {
  const { labels, current } = view;
  const title = `${labels.serviceName} — ${labels.authorityName}`;
  const superseded = view.assessment.id !== current.id;
  const action = `/admin/revue/evaluations/${current.id}`;
  return (
    <ReviewLayout
      chrome={chrome}
      title={title}
      caption={`Édition ${view.year} · ${labels.themeName}`}
      errors={view.errors}
      breadcrumbs={[
        { href: '/admin', label: 'Espace de gestion' },
        { href: view.queueHref, label: 'File de revue' },
      ]}
    >
      <p class="govuk-body">
        Collectivité : {authorityKindName(labels.authorityKind)} {labels.authorityCode} · évaluation n°{' '}
        {current.id}
      </p>
      {superseded ? (
        <div class="govuk-inset-text">
          L’évaluation n° {view.assessment.id} a été remplacée par la n° {current.id} : c’est celle-ci qui est
          en vigueur.
        </div>
      ) : null}
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <h2 class="govuk-heading-m">Évaluation en vigueur</h2>
          <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Niveau</dt>
              <dd class="govuk-summary-list__value">
                <LevelTag level={current.level} />
              </dd>
            </div>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Source</dt>
              <dd class="govuk-summary-list__value">{SOURCE_LABELS[current.source]}</dd>
            </div>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Confiance du robot</dt>
              <dd class="govuk-summary-list__value">
                {current.confidence === null ? 'aucune' : formatDecimal(current.confidence, 2)}
              </dd>
            </div>
          </dl>
          <h3 class="govuk-heading-s">Preuve</h3>
          <EvidenceView json={current.evidence} platform={current.platform} />
        </div>
        <div class="govuk-grid-column-one-half">
          {AWAITING.has(current.source) ? (
            <form method="post" action={`${action}/confirmer`} novalidate>
              <CsrfField token={view.csrfToken} />
              <h2 class="govuk-heading-m">Confirmer</h2>
              <TextArea
                id="commentaire-confirmation"
                name="commentaire"
                label="Commentaire (facultatif)"
                value={view.form.confirmComment}
                errors={view.errors}
              />
              <button type="submit" class="govuk-button">
                Confirmer le niveau {current.level}
              </button>
            </form>
          ) : null}
          <form method="post" action={`${action}/corriger`} novalidate>
            <CsrfField token={view.csrfToken} />
            <h2 class="govuk-heading-m">Corriger le niveau</h2>
            <LevelFormFields
              form={view.form}
              errors={view.errors}
              levelLegend="Niveau constaté"
              commentLabel="Justification"
              commentHint="Obligatoire : ce que montre le site."
              urlLabel="Page qui le montre (facultatif)"
            />
            <button type="submit" class="govuk-button govuk-button--secondary">
              Enregistrer la correction
            </button>
          </form>
        </div>
      </div>
      <h2 class="govuk-heading-m">Historique</h2>
      <ReviewHistoryTable history={view.history} />
    </ReviewLayout>
  );
}
