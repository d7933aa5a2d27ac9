import { SURVEY_PROFILES } from '../../db/schema.ts';
import { formatDate, formatInteger, frenchTypography } from '../../shared/french-typography.ts';
import { PROFILE_LABELS } from '../../surveys/campaign.rules.ts';
import {
  ActionButton,
  NoticeBanner,
  ProblemBanner,
  SelectField,
  SummaryList,
} from '../components/choice-fields.tsx';
import { DataTable } from '../components/data-table.tsx';
import type { FieldError } from '../components/error-summary.tsx';
import { CsrfField, describedBy, FormGroup, TextField } from '../components/form-fields.tsx';
import { FormPage } from '../components/form-page.tsx';
import { RatesTable } from '../components/survey-question-result.tsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';
import type { CampaignOverview } from '../routes/admin-survey-routes.ts';
import { BACK_OFFICE_CRUMB } from './admin-editions.tsx';

/** The survey back office: campaigns, a new campaign, recipients' import, a campaign's status. */

const SURVEYS_CRUMB = { href: '/admin/enquetes', label: 'Enquêtes' };
export const campaignAdminPath = (slug: string) => `/admin/enquetes/${encodeURIComponent(slug)}`;

const NNBSP = '\u202f';
const rateText = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}${NNBSP}%`);
const stateText = (campaign: CampaignOverview) =>
  campaign.open
    ? `Ouverte jusqu’au ${formatDate(campaign.closesAt)}`
    : `Close le ${formatDate(campaign.closesAt)}`;

export function CampaignsAdminPage({
  chrome,
  view,
}: {
  chrome: PageChrome;
  view: { campaigns: readonly CampaignOverview[] };
}) {
  return (
    <Layout chrome={chrome} title="Enquêtes" breadcrumbs={[BACK_OFFICE_CRUMB]}>
      <h1 class="govuk-heading-l">Enquêtes</h1>
      <a class="govuk-button" href="/admin/enquetes/nouvelle">
        Créer une enquête
      </a>
      {view.campaigns.length === 0 ? (
        <p class="govuk-body">Aucune enquête pour l’instant.</p>
      ) : (
        <DataTable
          caption="Enquêtes et taux de réponse"
          rows={view.campaigns}
          columns={[
            {
              header: 'Enquête',
              cell: (campaign) => (
                <a class="govuk-link" href={campaignAdminPath(campaign.slug)}>
                  {frenchTypography(campaign.title)}
                </a>
              ),
            },
            { header: 'Questionnaire', cell: (campaign) => `${campaign.template} ${campaign.edition}` },
            { header: 'État', cell: stateText },
            { header: 'Destinataires', numeric: true, cell: (c) => formatInteger(c.rates.total.recipients) },
            { header: 'Invités', numeric: true, cell: (c) => formatInteger(c.rates.total.invited) },
            { header: 'Réponses', numeric: true, cell: (c) => formatInteger(c.rates.total.submitted) },
            { header: 'Taux de réponse', numeric: true, cell: (c) => rateText(c.rates.total.rate) },
          ]}
        />
      )}
    </Layout>
  );
}

export interface NewCampaignValues {
  slug: string;
  title: string;
  model: string;
  closes: string;
}

export function NewCampaignPage({
  chrome,
  view,
}: {
  chrome: PageChrome;
  view: {
    csrfToken: string;
    templates: readonly { template: string; editions: string[] }[];
    values: NewCampaignValues;
    errors: readonly FieldError[];
  };
}) {
  const { values, errors } = view;
  const models = view.templates.flatMap((t) =>
    t.editions.map((edition) => ({
      value: `${t.template}/${edition}`,
      label: `${t.template}, édition ${edition}`,
    })),
  );
  return (
    <FormPage chrome={chrome} title="Créer une enquête" errors={errors}>
      <h1 class="govuk-heading-l">Créer une enquête</h1>
      <form action="/admin/enquetes/nouvelle" method="post" novalidate>
        <CsrfField token={view.csrfToken} />
        <TextField
          id="identifiant"
          label="Identifiant"
          hint="Dans l’adresse des résultats : minuscules, chiffres et tirets, par exemple maturite-2026."
          type="text"
          autocomplete="off"
          value={values.slug}
          errors={errors}
        />
        <TextField
          id="titre"
          label="Titre (facultatif)"
          hint="Par défaut, le titre du questionnaire suivi de son édition."
          type="text"
          autocomplete="off"
          value={values.title}
          errors={errors}
        />
        <SelectField
          id="modele"
          label="Questionnaire"
          options={[{ value: '', label: 'Choisissez un questionnaire' }, ...models]}
          value={values.model}
          errors={errors}
        />
        <TextField
          id="cloture"
          label="Date de clôture"
          hint="Au format AAAA-MM-JJ : les liens ne fonctionnent plus après ce jour."
          type="text"
          autocomplete="off"
          value={values.closes}
          errors={errors}
        />
        <button type="submit" class="govuk-button">
          Créer l’enquête
        </button>
      </form>
    </FormPage>
  );
}

export function RecipientsImportPage({
  chrome,
  view,
}: {
  chrome: PageChrome;
  view: { campaign: CampaignOverview; csrfToken: string; profile: string; errors: readonly FieldError[] };
}) {
  const { campaign, errors } = view;
  const fileError = errors.find((e) => e.field === 'fichier');
  const fileHint =
    'CSV séparé par des points-virgules ou des virgules, avec une ligne d’en-tête : Code (Insee ou Siren), Courriel et, si besoin, Profil (agent, élu ou collectivité). Tout ou rien : une seule ligne fautive et rien n’est importé.';
  return (
    <FormPage chrome={chrome} title={`Importer les destinataires : ${campaign.title}`} errors={errors}>
      <span class="govuk-caption-l">{frenchTypography(campaign.title)}</span>
      <h1 class="govuk-heading-l">Importer les destinataires</h1>
      <form
        action={`${campaignAdminPath(campaign.slug)}/destinataires`}
        method="post"
        enctype="multipart/form-data"
        novalidate
      >
        <CsrfField token={view.csrfToken} />
        <FormGroup id="fichier" label="Fichier des destinataires" hint={fileHint} error={fileError}>
          <input
            class={`govuk-file-upload${fileError ? ' govuk-file-upload--error' : ''}`}
            id="fichier"
            name="fichier"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={describedBy('fichier', fileHint, fileError)}
          />
        </FormGroup>
        <SelectField
          id="profil"
          label="Profil des destinataires dont la ligne ne le dit pas"
          options={[
            { value: '', label: 'Indiqué sur chaque ligne' },
            ...SURVEY_PROFILES.map((profile) => ({ value: profile, label: PROFILE_LABELS[profile] })),
          ]}
          value={view.profile}
          errors={errors}
        />
        <button type="submit" class="govuk-button">
          Importer
        </button>
      </form>
    </FormPage>
  );
}

export function CampaignStatusPage({
  chrome,
  view,
}: {
  chrome: PageChrome;
  view: {
    campaign: CampaignOverview;
    canSend: boolean;
    csrfToken: string;
    notice: string | undefined;
    errors: readonly FieldError[];
  };
}) {
  const { campaign } = view;
  const { total } = campaign.rates;
  const path = campaignAdminPath(campaign.slug);
  return (
    <Layout
      chrome={chrome}
      title={view.errors.length ? `Erreur : ${campaign.title}` : campaign.title}
      breadcrumbs={[BACK_OFFICE_CRUMB, SURVEYS_CRUMB]}
    >
      {view.notice ? <NoticeBanner success title="Succès" message={view.notice} /> : null}
      {view.errors.map((error) => (
        <ProblemBanner message={error.message} />
      ))}
      <span class="govuk-caption-l">Enquête</span>
      <h1 class="govuk-heading-l">{frenchTypography(campaign.title)}</h1>
      <SummaryList
        rows={[
          ['Questionnaire', `${campaign.template}, édition ${campaign.edition}`],
          ['État', stateText(campaign)],
          ['Destinataires', formatInteger(total.recipients)],
          ['Invités', formatInteger(total.invited)],
          ['Réponses envoyées', formatInteger(total.submitted)],
          ['Taux de réponse', rateText(total.rate)],
        ]}
      />
      <p class="govuk-body">
        <a class="govuk-link" href={`${path}/destinataires`}>
          Importer des destinataires
        </a>{' '}
        ·{' '}
        <a class="govuk-link" href={`/enquetes/${campaign.slug}`}>
          Résultats publics
        </a>
      </p>
      <h2 class="govuk-heading-m">Invitations et relances</h2>
      {view.canSend ? null : (
        <div class="govuk-inset-text">
          {frenchTypography(
            'BAROMETRE_PUBLIC_URL n’est pas défini sur ce serveur : les courriels ne peuvent pas porter de lien. Définissez-le, puis relancez le serveur.',
          )}
        </div>
      )}
      {campaign.open ? (
        <div>
          <ActionButton
            action={path}
            csrfToken={view.csrfToken}
            fields={{ action: 'inviter' }}
            label="Inviter les destinataires pas encore invités"
          />
          <ActionButton
            action={path}
            csrfToken={view.csrfToken}
            fields={{ action: 'relancer' }}
            label="Relancer ceux qui n’ont pas répondu"
            secondary
          />
        </div>
      ) : (
        <p class="govuk-body">L’enquête est close : plus d’invitation ni de relance.</p>
      )}
      <h2 class="govuk-heading-m">Taux de réponse</h2>
      <RatesTable caption="Par type de collectivité" lines={[total, ...campaign.rates.byKind]} />
      <RatesTable caption="Par région" lines={campaign.rates.byRegion} />
      <RatesTable caption="Par taille" lines={campaign.rates.bySize} />
      <RatesTable caption="Par profil" lines={campaign.rates.byProfile} />
    </Layout>
  );
}
