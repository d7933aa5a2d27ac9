import type { AssessedService } from '../../assessments/assessments.repository.ts';
import type { ContestRow, ContestStatus, EditionRow } from '../../db/schema.ts';
import { DIGITALISATION_LEVELS } from '../../referential/levels.ts';
import { formatDate, frenchTypography } from '../../shared/french-typography.ts';
import { authorityKindName } from '../../territories/authority-lookup.ts';
import type { AuthorityRef } from '../../territories/authority-refs.ts';
import { NoticeBanner, SelectField, TextareaField } from '../components/choice-fields.tsx';
import { DataTable } from '../components/data-table.tsx';
import type { FieldError } from '../components/error-summary.tsx';
import { CsrfField, TextField } from '../components/form-fields.tsx';
import { FormPage } from '../components/form-page.tsx';
import { LevelTag } from '../components/level-tag.tsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';
import type { InvitationsView } from '../routes/authority-survey-invitations.ts';
import { kindSlug } from '../routes/kind-slugs.ts';
import { BACK_OFFICE_CRUMB } from './admin-editions.tsx';
import { type Scorecard, ScoreFigures } from './authority-scorecard.tsx';
import { SurveyInvitations } from './authority-survey-invitations.tsx';
import { EditionBanner } from './home.tsx';

/** The authority space lives under /admin (docs/access-control.md): one address per authority. */
export const spacePath = (authority: Pick<AuthorityRef, 'kind' | 'code'>) =>
  `/admin/collectivite/${kindSlug(authority.kind)}/${authority.code}`;
const SPACE_CRUMB = { href: '/admin/collectivite', label: 'Espace collectivité' };

const SOURCE_LABELS: Record<string, string> = {
  crawler: 'Robot, à revoir',
  analyst: 'Analyste',
  survey: 'Enquête',
  declared: 'Votre déclaration, à revoir',
};
const CONTEST_LABELS: Record<ContestStatus, string> = {
  open: 'En attente de décision',
  accepted: 'Acceptée',
  rejected: 'Rejetée',
};

export function AuthoritySpaceHome({
  chrome,
  view,
}: {
  chrome: PageChrome;
  view: { authorities: readonly AuthorityRef[] };
}) {
  return (
    <Layout chrome={chrome} title="Espace collectivité" breadcrumbs={[BACK_OFFICE_CRUMB]}>
      <h1 class="govuk-heading-l">Espace collectivité</h1>
      {view.authorities.length ? (
        <ul class="govuk-list">
          {view.authorities.map((a) => (
            <li>
              <a class="govuk-link" href={spacePath(a)}>
                {a.name}
              </a>{' '}
              ({authorityKindName(a.kind)} {a.code})
            </li>
          ))}
        </ul>
      ) : (
        <p class="govuk-body">
          {frenchTypography(
            'Aucune collectivité n’est rattachée à votre compte. Un administrateur ouvre l’espace d’une collectivité depuis l’aperçu d’une édition.',
          )}
        </p>
      )}
    </Layout>
  );
}

export interface AuthoritySpaceView {
  authority: AuthorityRef;
  website: string | undefined;
  edition: EditionRow | undefined;
  simulated: boolean;
  services: readonly AssessedService[];
  contests: readonly ContestRow[];
  scorecard: Scorecard | undefined;
  notice: string | undefined;
  /** Survey invitations of the authority, when surveys run on this server. */
  invitations?: InvitationsView | undefined;
}

export function AuthoritySpacePage({ chrome, view }: { chrome: PageChrome; view: AuthoritySpaceView }) {
  const { authority, edition } = view;
  const path = spacePath(authority);
  const serviceName = (serviceId: number) =>
    view.services.find((s) => s.assessment.service_id === serviceId)?.serviceName ??
    `service n° ${serviceId}`;
  return (
    <Layout chrome={chrome} title={authority.name} breadcrumbs={[BACK_OFFICE_CRUMB, SPACE_CRUMB]}>
      {view.notice ? <NoticeBanner success title="Succès" message={view.notice} /> : null}
      <span class="govuk-caption-l">
        Espace collectivité · {authorityKindName(authority.kind)} {authority.code}
      </span>
      <h1 class="govuk-heading-l">{authority.name}</h1>
      <EditionBanner edition={edition} simulated={view.simulated} />
      {view.scorecard ? (
        <ScoreFigures scorecard={view.scorecard} />
      ) : (
        <p class="govuk-body">Les indicateurs de l’édition ne sont pas encore calculés.</p>
      )}
      <h2 class="govuk-heading-m">Site internet</h2>
      <p class="govuk-body">
        {view.website ?? 'Aucune adresse connue.'}{' '}
        <a class="govuk-link" href={`${path}/site`}>
          Corriger l’adresse
        </a>
      </p>
      <h2 class="govuk-heading-m">Initiatives numériques</h2>
      <p class="govuk-body">
        <a class="govuk-link" href={`${path}/initiative`}>
          Signaler une initiative numérique
        </a>{' '}
        {frenchTypography('(publiée dans le registre après relecture par un analyste)')}
      </p>
      {edition ? (
        <>
          <DataTable
            caption={`Évaluations de l’édition ${edition.year}`}
            rows={view.services}
            columns={[
              { header: 'Service', cell: (s) => s.serviceName },
              { header: 'Thématique', cell: (s) => s.themeName },
              { header: 'Niveau', cell: (s) => <LevelTag level={s.assessment.level} /> },
              { header: 'Source', cell: (s) => SOURCE_LABELS[s.assessment.source] ?? s.assessment.source },
              {
                header: 'Action',
                cell: (s) => (
                  <a class="govuk-link" href={`${path}/contestation?evaluation=${s.assessment.id}`}>
                    Contester<span class="govuk-visually-hidden"> {s.serviceName}</span>
                  </a>
                ),
              },
            ]}
          />
          {edition.status === 'draft' ? (
            <p class="govuk-body">
              <a class="govuk-button govuk-button--secondary" href={`${path}/declaration`}>
                Déclarer un service que le robot n’a pas trouvé
              </a>
            </p>
          ) : null}
          <h2 class="govuk-heading-m">Vos contestations</h2>
          {view.contests.length ? (
            <DataTable
              caption="Contestations de la collectivité"
              captionClass="govuk-visually-hidden"
              rows={view.contests}
              columns={[
                { header: 'Service', cell: (c) => serviceName(c.service_id) },
                { header: 'Déposée le', cell: (c) => formatDate(c.created_at) },
                { header: 'Justification', cell: (c) => c.justification },
                { header: 'État', cell: (c) => CONTEST_LABELS[c.status] },
                { header: 'Décision', cell: (c) => c.decision ?? '—' },
              ]}
            />
          ) : (
            <p class="govuk-body">Aucune contestation.</p>
          )}
        </>
      ) : null}
      {view.invitations ? <SurveyInvitations spacePath={path} invitations={view.invitations} /> : null}
    </Layout>
  );
}

export interface SpaceFormView {
  authority: AuthorityRef;
  csrfToken: string;
  errors: readonly FieldError[];
  values: Record<string, string>;
}

export function SpaceWebsitePage({
  chrome,
  view,
}: {
  chrome: PageChrome;
  view: SpaceFormView & { current: string | undefined };
}) {
  return (
    <FormPage chrome={chrome} title={`Site de ${view.authority.name}`} errors={view.errors}>
      <span class="govuk-caption-l">Espace collectivité</span>
      <h1 class="govuk-heading-l">Site de {view.authority.name}</h1>
      <p class="govuk-body">{frenchTypography(`Adresse actuelle : ${view.current ?? 'aucune'}.`)}</p>
      <form action={`${spacePath(view.authority)}/site`} method="post" novalidate>
        <CsrfField token={view.csrfToken} />
        <TextField
          id="url"
          label="Adresse du site"
          hint="Elle servira à la prochaine collecte ; le changement est inscrit au journal."
          type="text"
          autocomplete="url"
          value={view.values.url ?? ''}
          errors={view.errors}
        />
        <button type="submit" class="govuk-button">
          Enregistrer l’adresse
        </button>
      </form>
    </FormPage>
  );
}

const LEVEL_OPTIONS = DIGITALISATION_LEVELS.filter((l) => l.level > 0).map((l) => ({
  value: String(l.level),
  label: `${l.level} — ${l.label}`,
}));

export function DeclarationPage({
  chrome,
  view,
}: {
  chrome: PageChrome;
  view: SpaceFormView & { services: readonly { id: number; name: string; themeName: string }[] };
}) {
  return (
    <FormPage chrome={chrome} title="Déclarer un service" errors={view.errors}>
      <span class="govuk-caption-l">{view.authority.name}</span>
      <h1 class="govuk-heading-l">Déclarer un service</h1>
      <p class="govuk-body">
        {frenchTypography(
          'Un service que le robot n’a pas trouvé sur votre site : un analyste vérifie la page que vous indiquez avant que la déclaration compte.',
        )}
      </p>
      <form action={`${spacePath(view.authority)}/declaration`} method="post" novalidate>
        <CsrfField token={view.csrfToken} />
        <SelectField
          id="service"
          label="Service"
          options={view.services.map((s) => ({ value: String(s.id), label: s.name, group: s.themeName }))}
          value={view.values.service}
          errors={view.errors}
        />
        <SelectField
          id="niveau"
          label="Niveau proposé en ligne"
          options={LEVEL_OPTIONS}
          value={view.values.niveau}
          errors={view.errors}
        />
        <TextField
          id="url"
          label="Adresse de la page qui montre le service"
          type="text"
          autocomplete="url"
          value={view.values.url ?? ''}
          errors={view.errors}
        />
        <TextareaField
          id="commentaire"
          label="Commentaire (facultatif)"
          value={view.values.commentaire ?? ''}
          errors={view.errors}
        />
        <button type="submit" class="govuk-button">
          Envoyer la déclaration
        </button>
      </form>
    </FormPage>
  );
}

export function ContestFormPage({
  chrome,
  view,
}: {
  chrome: PageChrome;
  view: SpaceFormView & { services: readonly AssessedService[] };
}) {
  return (
    <FormPage chrome={chrome} title="Contester une évaluation" errors={view.errors}>
      <span class="govuk-caption-l">{view.authority.name}</span>
      <h1 class="govuk-heading-l">Contester une évaluation</h1>
      <form action={`${spacePath(view.authority)}/contestation`} method="post" novalidate>
        <CsrfField token={view.csrfToken} />
        <SelectField
          id="evaluation"
          label="Évaluation contestée"
          options={view.services.map((s) => ({
            value: String(s.assessment.id),
            label: `${s.serviceName} — niveau ${s.assessment.level}`,
            group: s.themeName,
          }))}
          value={view.values.evaluation}
          errors={view.errors}
        />
        <SelectField
          id="niveau"
          label="Niveau que vous demandez (facultatif)"
          options={[
            { value: '', label: 'Sans niveau demandé' },
            ...DIGITALISATION_LEVELS.map((l) => ({
              value: String(l.level),
              label: `${l.level} — ${l.label}`,
            })),
          ]}
          value={view.values.niveau}
          errors={view.errors}
        />
        <TextareaField
          id="justification"
          label="Justification"
          hint="Ce qui est inexact et la page qui le montre."
          value={view.values.justification ?? ''}
          errors={view.errors}
        />
        <button type="submit" class="govuk-button">
          Envoyer la contestation
        </button>
      </form>
    </FormPage>
  );
}
