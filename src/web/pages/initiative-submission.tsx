import { MODERATION_LABELS, type ModerationStatus } from '../../initiatives/initiative.rules.ts';
import { formatDate, frenchTypography } from '../../shared/french-typography.ts';
import type { AuthorityRef } from '../../territories/authority-refs.ts';
import { CheckboxesField, NoticeBanner, SummaryList, TextareaField } from '../components/choice-fields.tsx';
import { CsrfField, TextField } from '../components/form-fields.tsx';
import { FormPage } from '../components/form-page.tsx';
import {
  ClassificationTable,
  type DomainLabel,
  type ShownClassification,
} from '../components/initiative-classification.tsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';
import { BACK_OFFICE_CRUMB } from './admin-editions.tsx';
import { type SpaceFormView, spacePath } from './authority-space.tsx';

/** Where a representative signals an initiative, and then finds it again. */
export const initiativeFormPath = (authority: Pick<AuthorityRef, 'kind' | 'code'>) =>
  `${spacePath(authority)}/initiative`;
export const submittedInitiativePath = (authority: Pick<AuthorityRef, 'kind' | 'code'>, id: number) =>
  `${spacePath(authority)}/initiatives/${id}`;

export function InitiativeFormPage({
  chrome,
  view,
}: {
  chrome: PageChrome;
  view: SpaceFormView & { domains: readonly { key: string; label: string }[]; suggested: readonly string[] };
}) {
  const { values, errors } = view;
  return (
    <FormPage chrome={chrome} title="Signaler une initiative numérique" errors={errors}>
      <span class="govuk-caption-l">{view.authority.name}</span>
      <h1 class="govuk-heading-l">Signaler une initiative numérique</h1>
      <p class="govuk-body">
        {frenchTypography(
          'L’initiative est classée automatiquement par domaine, puis relue par un analyste : elle n’apparaît dans le registre public qu’une fois validée.',
        )}
      </p>
      <form action={initiativeFormPath(view.authority)} method="post" novalidate>
        <CsrfField token={view.csrfToken} />
        <TextField
          id="titre"
          label="Titre"
          hint="200 caractères au plus."
          type="text"
          autocomplete="off"
          value={values.titre ?? ''}
          errors={errors}
        />
        <TextareaField
          id="description"
          label="Description"
          hint="Ce que fait l’initiative, pour qui ; 5 000 caractères au plus."
          rows={6}
          value={values.description ?? ''}
          errors={errors}
        />
        <TextField
          id="annee"
          label="Année de mise en œuvre"
          hint="Par exemple : 2025."
          type="text"
          autocomplete="off"
          value={values.annee ?? ''}
          errors={errors}
        />
        <TextField
          id="adresse"
          label="Adresse de la page qui présente l’initiative (facultatif)"
          type="text"
          autocomplete="url"
          value={values.adresse ?? ''}
          errors={errors}
        />
        <TextField
          id="contact"
          label="Contact (facultatif)"
          hint="Service ou personne à joindre ; il n’est jamais publié."
          type="text"
          autocomplete="off"
          value={values.contact ?? ''}
          errors={errors}
        />
        <CheckboxesField
          id="domaines"
          legend="Domaines que vous suggérez (facultatif)"
          hint="L’analyste en tient compte ; le classement automatique est fait dans tous les cas."
          options={view.domains.map((d) => ({ value: d.key, label: d.label }))}
          checked={view.suggested}
          errors={errors}
        />
        <button type="submit" class="govuk-button">
          Envoyer l’initiative
        </button>
      </form>
    </FormPage>
  );
}

export interface SubmittedInitiativeView {
  authority: AuthorityRef;
  initiative: {
    id: number;
    title: string;
    description: string;
    year: number;
    url: string | null;
    createdAt: string;
    status: ModerationStatus;
    moderation: { reason: string | null } | null;
  };
  /** The classifier's proposal, the first classification. */
  proposal: ShownClassification | undefined;
  suggested: readonly string[];
  label: DomainLabel;
  justSubmitted: boolean;
}

/** A submitted initiative as its authority sees it: its state and how it was classified. */
export function SubmittedInitiativePage({
  chrome,
  view,
}: {
  chrome: PageChrome;
  view: SubmittedInitiativeView;
}) {
  const { initiative, authority } = view;
  return (
    <Layout
      chrome={chrome}
      title={initiative.title}
      breadcrumbs={[BACK_OFFICE_CRUMB, { href: spacePath(authority), label: authority.name }]}
    >
      {view.justSubmitted ? (
        <NoticeBanner
          success
          title="Succès"
          message="Initiative envoyée : un analyste la relira avant sa publication."
        />
      ) : null}
      <span class="govuk-caption-l">Initiative de {authority.name}</span>
      <h1 class="govuk-heading-l">{initiative.title}</h1>
      <SummaryList
        rows={[
          ['État', MODERATION_LABELS[initiative.status]],
          ...(initiative.status === 'rejected' && initiative.moderation?.reason
            ? ([['Motif du refus', initiative.moderation.reason]] as const)
            : []),
          ['Année', initiative.year],
          ['Adresse', initiative.url ?? '—'],
          ['Envoyée le', formatDate(initiative.createdAt)],
          ['Domaines suggérés', view.suggested.map(view.label).join(', ') || '—'],
        ]}
      />
      <p class="govuk-body">{initiative.description}</p>
      <h2 class="govuk-heading-m">Classement automatique</h2>
      {view.proposal ? (
        <>
          <p class="govuk-body">
            {frenchTypography(
              'La confiance est la probabilité du domaine selon le texte ; les mots décisifs sont ceux qui ont le plus pesé.',
            )}
          </p>
          <ClassificationTable
            caption="Domaines proposés"
            classification={view.proposal}
            label={view.label}
          />
        </>
      ) : (
        <p class="govuk-body">Aucun classement.</p>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={initiativeFormPath(authority)}>
          Signaler une autre initiative
        </a>
      </p>
    </Layout>
  );
}
