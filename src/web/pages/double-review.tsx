import type { BlindCandidate } from '../../assessments/review.repository.ts';
import type { BlindReviewTask, EditionAgreement } from '../../assessments/review.service.ts';
import { formatDecimal, formatInteger, plural } from '../../shared/french-typography.ts';
import { authorityKindName } from '../../territories/authority-lookup.ts';
import { AgreementTable } from '../components/agreement-summary.tsx';
import type { FieldError } from '../components/error-summary.tsx';
import { EvidenceView } from '../components/evidence-view.tsx';
import { CsrfField } from '../components/form-fields.tsx';
import { FormPage } from '../components/form-page.tsx';
import { LevelTag } from '../components/level-tag.tsx';
import { LevelFormFields } from '../components/review-fields.tsx';
import { ReviewLayout } from '../components/review-layout.tsx';
import type { PageChrome } from '../layout/layout.tsx';

export interface DoubleReviewListView {
  year: number;
  agreement: EditionAgreement;
  candidates: readonly BlindCandidate[];
  done: boolean;
}

/** Services a second analyst may assess blind, and the edition's agreement so far. */
export function DoubleReviewListPage({ chrome, view }: { chrome: PageChrome; view: DoubleReviewListView }) {
  return (
    <ReviewLayout
      chrome={chrome}
      title={`Double revue — édition ${view.year}`}
      caption="Double revue à l’aveugle"
      errors={[]}
      done={view.done ? 'Votre revue à l’aveugle est enregistrée.' : undefined}
    >
      <p class="govuk-body">
        Vous évaluez sans voir le niveau ni le commentaire du premier analyste : seulement la proposition du
        robot.
      </p>
      <AgreementTable rows={[{ year: view.year, agreement: view.agreement }]} />
      <h2 class="govuk-heading-m">
        {formatInteger(view.candidates.length)}{' '}
        {plural(view.candidates.length, 'service à revoir', 'services à revoir')} à l’aveugle
      </h2>
      {view.candidates.length === 0 ? (
        <p class="govuk-body">Aucune première revue d’un autre analyste n’attend de double revue.</p>
      ) : (
        <ul class="govuk-list">
          {view.candidates.map((c) => (
            <li>
              <a
                class="govuk-link"
                href={`/admin/double-revue/${c.editionId}/${c.authorityId}/${c.serviceId}`}
              >
                {c.serviceName} — {c.authorityName}
              </a>{' '}
              <span class="govuk-body-s">
                ({authorityKindName(c.authorityKind)} {c.authorityCode}, {c.themeName})
              </span>
            </li>
          ))}
        </ul>
      )}
    </ReviewLayout>
  );
}

export interface BlindReviewView {
  year: number;
  task: BlindReviewTask;
  csrfToken: string;
  form: { level?: number; comment?: string; url?: string };
  errors: readonly FieldError[];
}

/** The blind form: the crawler's proposal only, never the first analyst's level. */
export function BlindReviewPage({ chrome, view }: { chrome: PageChrome; view: BlindReviewView }) {
  const { task } = view;
  const { triple, labels } = task;
  return (
    <FormPage
      chrome={chrome}
      title={`Revue à l’aveugle — ${labels.serviceName}, ${labels.authorityName}`}
      errors={view.errors}
    >
      <span class="govuk-caption-l">Double revue · édition {view.year}</span>
      <h1 class="govuk-heading-l">
        {labels.serviceName} — {labels.authorityName}
      </h1>
      <h2 class="govuk-heading-m">Proposition du robot</h2>
      {task.proposal ? (
        <>
          <p class="govuk-body">
            <LevelTag level={task.proposal.level} /> · confiance{' '}
            {task.proposal.confidence === null ? 'aucune' : formatDecimal(task.proposal.confidence, 2)}
          </p>
          <EvidenceView json={JSON.stringify(task.proposal.evidence)} platform={null} />
        </>
      ) : (
        <p class="govuk-body">Le robot n’avait rien proposé : un analyste a ajouté ce service.</p>
      )}
      <form
        method="post"
        action={`/admin/double-revue/${triple.editionId}/${triple.authorityId}/${triple.serviceId}`}
        novalidate
      >
        <CsrfField token={view.csrfToken} />
        <LevelFormFields
          form={view.form}
          errors={view.errors}
          levelLegend="Votre niveau"
          commentLabel="Commentaire (facultatif)"
          urlLabel="Page qui le montre (facultatif)"
        />
        <button type="submit" class="govuk-button">
          Enregistrer ma revue
        </button>
      </form>
    </FormPage>
  );
}
