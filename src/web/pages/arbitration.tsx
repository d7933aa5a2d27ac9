import type { DoubleReview } from '../../assessments/review.repository.ts';
import type { EditionAgreement } from '../../assessments/review.service.ts';
import { plural } from '../../shared/french-typography.ts';
import { authorityKindName } from '../../territories/authority-lookup.ts';
import { AgreementTable } from '../components/agreement-summary.tsx';
import type { FieldError } from '../components/error-summary.tsx';
import { CsrfField } from '../components/form-fields.tsx';
import { LevelTag } from '../components/level-tag.tsx';
import { LevelRadios, TextArea } from '../components/review-fields.tsx';
import { ReviewLayout } from '../components/review-layout.tsx';
import type { PageChrome } from '../layout/layout.tsx';

export interface ArbitrationView {
  year: number;
  agreements: readonly { year: number; agreement: EditionAgreement }[];
  disagreements: readonly DoubleReview[];
  csrfToken: string;
  /** The disagreement whose form was just refused, with what was typed. */
  failed?: { blindReviewId: number; level?: number; comment?: string };
  errors: readonly FieldError[];
  done: boolean;
}

/** Disagreements between first and blind reviews, each with its arbitration or the form to decide it. */
export function ArbitrationPage({ chrome, view }: { chrome: PageChrome; view: ArbitrationView }) {
  const pending = view.disagreements.filter((d) => d.arbitrationId === null).length;
  return (
    <ReviewLayout
      chrome={chrome}
      title={`Arbitrage — édition ${view.year}`}
      caption="Double revue"
      errors={view.errors}
      done={view.done ? 'L’arbitrage est enregistré.' : undefined}
    >
      <AgreementTable rows={view.agreements} />
      <h2 class="govuk-heading-m">{plural(pending, 'désaccord à arbitrer', 'désaccords à arbitrer')}</h2>
      {view.disagreements.length === 0 ? <p class="govuk-body">Aucun désaccord dans cette édition.</p> : null}
      {view.disagreements.map((d) => (
        <section class="bm-card govuk-!-margin-bottom-6" aria-labelledby={`desaccord-${d.blindReviewId}`}>
          <h3 class="govuk-heading-s" id={`desaccord-${d.blindReviewId}`}>
            {d.serviceName} — {d.authorityName} ({authorityKindName(d.authorityKind)} {d.authorityCode})
          </h3>
          <div class="govuk-grid-row">
            <div class="govuk-grid-column-one-half">
              <p class="govuk-body">
                Première revue : <LevelTag level={d.firstLevel} /> par {d.firstReviewer ?? 'inconnu'}
              </p>
              {d.firstComment ? <p class="govuk-body-s">{d.firstComment}</p> : null}
            </div>
            <div class="govuk-grid-column-one-half">
              <p class="govuk-body">
                Revue à l’aveugle : <LevelTag level={d.blindLevel} /> par {d.blindReviewer}
              </p>
              {d.blindComment ? <p class="govuk-body-s">{d.blindComment}</p> : null}
            </div>
          </div>
          {d.arbitrationId !== null ? (
            <p class="govuk-body">
              Arbitré par {d.arbiter} : <LevelTag level={d.arbitratedLevel ?? 0} /> — {d.arbitrationComment}
            </p>
          ) : (
            <ArbitrationForm view={view} d={d} />
          )}
        </section>
      ))}
    </ReviewLayout>
  );
}

function ArbitrationForm({ view, d }: { view: ArbitrationView; d: DoubleReview }) {
  const failed = view.failed?.blindReviewId === d.blindReviewId ? view.failed : undefined;
  const errors = failed ? view.errors : [];
  return (
    <form method="post" action={`/admin/arbitrage/${d.blindReviewId}?edition=${view.year}`} novalidate>
      <CsrfField token={view.csrfToken} />
      <LevelRadios
        id={`niveau-${d.blindReviewId}`}
        name="niveau"
        legend="Niveau retenu"
        value={failed?.level}
        errors={errors}
      />
      <TextArea
        id={`motif-${d.blindReviewId}`}
        name="motif"
        label="Motif de l’arbitrage"
        value={failed?.comment}
        errors={errors}
      />
      <button type="submit" class="govuk-button">
        Arbitrer
      </button>
    </form>
  );
}
