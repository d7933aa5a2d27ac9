import { MODERATION_LABELS } from '../../initiatives/initiative.rules.ts';
import type { InitiativeDetail } from '../../initiatives/initiatives.service.ts';
import { formatDate, frenchTypography } from '../../shared/french-typography.ts';
import { authorityKindName } from '../../territories/authority-lookup.ts';
import { CheckboxesField, NoticeBanner, SummaryList, TextareaField } from '../components/choice-fields.tsx';
import { DataTable } from '../components/data-table.tsx';
import { ErrorSummary, type FieldError } from '../components/error-summary.tsx';
import { CsrfField } from '../components/form-fields.tsx';
import {
  ClassificationHistory,
  ClassificationTable,
  type DomainLabel,
  suggestedDomains,
} from '../components/initiative-classification.tsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';
import { BACK_OFFICE_CRUMB } from './admin-editions.tsx';

export const MODERATION_PATH = '/admin/initiatives';
export const moderationItemPath = (id: number) => `${MODERATION_PATH}/${id}`;
const MODERATION_CRUMB = { href: MODERATION_PATH, label: 'Initiatives à modérer' };

/** The waiting initiatives with their current classification, oldest first. */
export function ModerationQueuePage({
  chrome,
  view,
}: {
  chrome: PageChrome;
  view: { pending: readonly InitiativeDetail[]; label: DomainLabel; notice: string | undefined };
}) {
  const current = (initiative: InitiativeDetail) => initiative.classifications.at(-1);
  return (
    <Layout chrome={chrome} title="Initiatives à modérer" breadcrumbs={[BACK_OFFICE_CRUMB]}>
      {view.notice ? <NoticeBanner success title="Succès" message={view.notice} /> : null}
      <h1 class="govuk-heading-l">Initiatives à modérer</h1>
      <p class="govuk-body">
        {frenchTypography(
          'Initiatives envoyées par les collectivités, en attente de publication. Vérifiez le classement automatique, corrigez-le si besoin, puis publiez ou refusez.',
        )}
      </p>
      {view.pending.length ? (
        <DataTable
          caption={`${view.pending.length} initiative${view.pending.length > 1 ? 's' : ''} en attente`}
          rows={view.pending}
          columns={[
            {
              header: 'Initiative',
              cell: (i) => (
                <a class="govuk-link" href={moderationItemPath(i.id)}>
                  {i.title}
                </a>
              ),
            },
            { header: 'Collectivité', cell: (i) => i.authority.name },
            { header: 'Année', numeric: true, cell: (i) => i.year },
            {
              header: 'Domaines (confiance)',
              cell: (i) =>
                current(i)
                  ?.domains.map((d) =>
                    d.confidence === null
                      ? view.label(d.domain)
                      : `${view.label(d.domain)} (${Math.round(d.confidence * 100)} %)`,
                  )
                  .join(', ') ?? '—',
            },
            {
              header: 'Mots décisifs',
              cell: (i) => decisiveWords(current(i)?.evidence).join(', ') || '—',
            },
          ]}
        />
      ) : (
        <p class="govuk-body">Aucune initiative en attente.</p>
      )}
    </Layout>
  );
}

function decisiveWords(evidence: Record<string, unknown> | undefined): string[] {
  const words = (evidence?.words ?? {}) as Record<string, unknown>;
  return [...new Set(Object.values(words).flatMap((list) => (Array.isArray(list) ? list : [])))].filter(
    (w): w is string => typeof w === 'string',
  );
}

export interface ModerationItemView {
  initiative: InitiativeDetail;
  label: DomainLabel;
  domains: readonly { key: string; label: string }[];
  csrfToken: string;
  values: { raison?: string; commentaire?: string; domaines?: readonly string[] };
  errors: readonly FieldError[];
  notice?: string | undefined;
}

/** One initiative: what was submitted, how it is classified and was, and the moderator's forms. */
export function ModerationItemPage({ chrome, view }: { chrome: PageChrome; view: ModerationItemView }) {
  const { initiative, errors } = view;
  const current = initiative.classifications.at(-1);
  const proposal = initiative.classifications[0];
  const suggested = suggestedDomains(proposal);
  const open = initiative.status === 'submitted';
  return (
    <Layout
      chrome={chrome}
      title={`${errors.length ? 'Erreur : ' : ''}${initiative.title}`}
      breadcrumbs={[BACK_OFFICE_CRUMB, MODERATION_CRUMB]}
    >
      {view.notice ? <NoticeBanner success title="Succès" message={view.notice} /> : null}
      <ErrorSummary errors={errors} />
      <span class="govuk-caption-l">Initiative n° {initiative.id}</span>
      <h1 class="govuk-heading-l">{initiative.title}</h1>
      <SummaryList
        rows={[
          ['État', MODERATION_LABELS[initiative.status]],
          ...(initiative.moderation
            ? ([
                [
                  'Modération',
                  `${initiative.moderation.moderator}, le ${formatDate(initiative.moderation.at)}`,
                ],
                ['Motif', initiative.moderation.reason ?? '—'],
              ] as const)
            : []),
          [
            'Collectivité',
            `${initiative.authority.name} (${authorityKindName(initiative.authority.kind as never)} ${initiative.authority.code})`,
          ],
          ['Année', initiative.year],
          ['Adresse', initiative.url ?? '—'],
          ['Contact', initiative.contact ?? '—'],
          ['Envoyée par', `${initiative.submittedBy}, le ${formatDate(initiative.createdAt)}`],
          ['Domaines suggérés', suggested.map(view.label).join(', ') || '—'],
        ]}
      />
      <h2 class="govuk-heading-m">Description</h2>
      <p class="govuk-body">{initiative.description}</p>
      <h2 class="govuk-heading-m">Classement</h2>
      {current ? (
        <ClassificationTable caption="Domaines actuels" classification={current} label={view.label} />
      ) : null}
      {proposal && proposal !== current ? (
        <ClassificationTable caption="Proposition automatique" classification={proposal} label={view.label} />
      ) : null}
      <ClassificationHistory classifications={initiative.classifications} label={view.label} />
      <h2 class="govuk-heading-m">Corriger les domaines</h2>
      <form action={`${moderationItemPath(initiative.id)}/domaines`} method="post" novalidate>
        <CsrfField token={view.csrfToken} />
        <CheckboxesField
          id="domaines"
          legend="Domaines de l’initiative"
          hint="Le premier coché devient le domaine principal ; l’ancien classement reste dans l’historique."
          options={view.domains.map((d) => ({ value: d.key, label: d.label }))}
          checked={view.values.domaines ?? current?.domains.map((d) => d.domain) ?? []}
          errors={errors}
        />
        <TextareaField
          id="commentaire"
          label="Motif de la correction"
          rows={2}
          value={view.values.commentaire ?? ''}
          errors={errors}
        />
        <button type="submit" class="govuk-button govuk-button--secondary">
          Corriger les domaines
        </button>
      </form>
      {open ? (
        <>
          <h2 class="govuk-heading-m">Décision</h2>
          <form action={`${moderationItemPath(initiative.id)}/moderation`} method="post" novalidate>
            <CsrfField token={view.csrfToken} />
            <input type="hidden" name="decision" value="published" />
            <button type="submit" class="govuk-button">
              Publier l’initiative
            </button>
          </form>
          <form action={`${moderationItemPath(initiative.id)}/moderation`} method="post" novalidate>
            <CsrfField token={view.csrfToken} />
            <input type="hidden" name="decision" value="rejected" />
            <TextareaField
              id="raison"
              label="Motif du refus"
              hint="Il est montré à la collectivité."
              rows={3}
              value={view.values.raison ?? ''}
              errors={errors}
            />
            <button type="submit" class="govuk-button govuk-button--warning">
              Refuser l’initiative
            </button>
          </form>
        </>
      ) : null}
    </Layout>
  );
}
