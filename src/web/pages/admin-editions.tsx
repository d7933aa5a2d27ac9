import type { EditionRow } from '../../db/schema.ts';
import { formatDate, formatInteger, frenchTypography } from '../../shared/french-typography.ts';
import { ActionButton, SelectField, SummaryList } from '../components/choice-fields.tsx';
import { DataTable } from '../components/data-table.tsx';
import { ErrorSummary, type FieldError } from '../components/error-summary.tsx';
import { CsrfField, TextField } from '../components/form-fields.tsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';

export const BACK_OFFICE_CRUMB = { href: '/admin', label: 'Espace de gestion' };
export const EDITIONS_CRUMB = { href: '/admin/editions', label: 'Éditions' };
export const editionPath = (year: number) => `/admin/editions/${year}`;
export const editionCrumbs = (year: number) => [
  BACK_OFFICE_CRUMB,
  EDITIONS_CRUMB,
  { href: editionPath(year), label: `Édition ${year}` },
];

const STATUS_LABELS: Record<EditionRow['status'], string> = {
  draft: 'En préparation',
  published: 'Publiée',
};

export interface EditionsView {
  editions: readonly EditionRow[];
  referentialVersions: readonly string[];
  csrfToken: string;
  errors: readonly FieldError[];
  year: string;
  referential: string;
}

export function EditionsPage({ chrome, view }: { chrome: PageChrome; view: EditionsView }) {
  return (
    <Layout
      chrome={chrome}
      title={view.errors.length ? 'Erreur : Éditions' : 'Éditions'}
      breadcrumbs={[BACK_OFFICE_CRUMB]}
    >
      <ErrorSummary errors={view.errors} />
      <h1 class="govuk-heading-l">Éditions</h1>
      {view.editions.length ? (
        <DataTable
          caption="Éditions du baromètre"
          captionClass="govuk-visually-hidden"
          rows={view.editions}
          columns={[
            {
              header: 'Année',
              cell: (e) => (
                <a class="govuk-link" href={editionPath(e.year)}>
                  {e.year}
                </a>
              ),
            },
            { header: 'Titre', cell: (e) => e.title },
            { header: 'Référentiel', cell: (e) => e.referential_version },
            { header: 'État', cell: (e) => STATUS_LABELS[e.status] },
            { header: 'Créée le', cell: (e) => formatDate(e.created_at) },
          ]}
        />
      ) : (
        <p class="govuk-body">Aucune édition pour l’instant.</p>
      )}
      <h2 class="govuk-heading-m">Créer une édition</h2>
      {view.referentialVersions.length === 0 ? (
        <p class="govuk-body">
          {frenchTypography('Aucun référentiel n’est chargé : lancez « barometre referential load ».')}
        </p>
      ) : (
        <form action="/admin/editions" method="post" novalidate>
          <CsrfField token={view.csrfToken} />
          <TextField
            id="annee"
            label="Année de l’édition"
            type="text"
            autocomplete="off"
            value={view.year}
            errors={view.errors}
          />
          <SelectField
            id="referentiel"
            label="Version du référentiel"
            hint="Les thématiques et services évalués pendant toute l’édition."
            options={view.referentialVersions.map((v) => ({ value: v, label: v }))}
            value={view.referential}
            errors={view.errors}
          />
          <button type="submit" class="govuk-button">
            Créer l’édition
          </button>
        </form>
      )}
    </Layout>
  );
}

export interface EditionView {
  edition: EditionRow;
  csrfToken: string;
  crawl: { running: boolean; sitesDone: number; sitesTotal: number; pages: number } | undefined;
  indicators: { computedAt: string; authorities: number } | undefined;
}

export function EditionPage({ chrome, view }: { chrome: PageChrome; view: EditionView }) {
  const { edition, crawl, indicators } = view;
  const year = edition.year;
  const draft = edition.status === 'draft';
  const rows: [string, string][] = [
    ['État', STATUS_LABELS[edition.status]],
    ['Référentiel', edition.referential_version],
    [
      'Collecte',
      crawl
        ? `${crawl.running ? 'en cours' : 'dernière collecte'} : ${formatInteger(crawl.sitesDone)} site(s) sur ${formatInteger(crawl.sitesTotal)}, ${formatInteger(crawl.pages)} pages`
        : 'aucune collecte',
    ],
    [
      'Indicateurs',
      indicators
        ? `calculés le ${formatDate(indicators.computedAt)} pour ${formatInteger(indicators.authorities)} collectivités`
        : 'non calculés',
    ],
  ];
  if (edition.published_at) rows.push(['Publiée le', formatDate(edition.published_at)]);
  return (
    <Layout chrome={chrome} title={`Édition ${year}`} breadcrumbs={[BACK_OFFICE_CRUMB, EDITIONS_CRUMB]}>
      <span class="govuk-caption-l">Édition {year}</span>
      <h1 class="govuk-heading-l">{edition.title}</h1>
      <SummaryList rows={rows.map(([key, value]) => [key, frenchTypography(value)] as const)} />
      <h2 class="govuk-heading-m">Étapes</h2>
      <ol class="govuk-list govuk-list--number">
        <li>
          <a class="govuk-link" href={`${editionPath(year)}/collecte`}>
            Collecte des sites
          </a>{' '}
          : lancer, suivre, voir les erreurs par site, corriger une adresse et relancer un site.
        </li>
        <li>
          <a class="govuk-link" href={`${editionPath(year)}/calcul`}>
            Calcul des indicateurs
          </a>
        </li>
        <li>
          <a class="govuk-link" href={`${editionPath(year)}/apercu`}>
            Aperçu des fiches et du classement
          </a>{' '}
          (réservé à l’équipe avant la publication)
        </li>
        <li>
          {draft ? (
            <a class="govuk-link" href={`${editionPath(year)}/publication`}>
              Publication
            </a>
          ) : (
            'Publication : faite, l’édition est figée.'
          )}
        </li>
      </ol>
      {draft && !crawl?.running ? (
        <ActionButton
          action={`${editionPath(year)}/collecte`}
          csrfToken={view.csrfToken}
          label="Lancer la collecte de toutes les collectivités"
        />
      ) : null}
    </Layout>
  );
}
