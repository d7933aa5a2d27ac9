import type { EditionRow } from '../../db/schema.ts';
import type { DatasetEntry } from '../../reports/exports/open-data.service.ts';
import type { ReportFile } from '../../reports/report/report-files.ts';
import { frenchTypography } from '../../shared/french-typography.ts';
import { DataTable } from '../components/data-table.tsx';
import { ReportLinks } from '../components/report-links.tsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';
import { EditionBanner } from './home.tsx';

export interface OpenDataView {
  edition: EditionRow | undefined;
  datasets: DatasetEntry[];
  simulated: boolean;
  /** The edition's report, in the formats generated. */
  reports: ReportFile[];
}

/** Table Schema types in French, for readers who do not know the specification. */
const TYPE_NAMES: Record<string, string> = {
  string: 'texte',
  integer: 'entier',
  number: 'nombre décimal',
  boolean: 'booléen (true, false)',
  datetime: 'date et heure (ISO 8601)',
  year: 'année',
};

export function OpenDataPage({ chrome, view }: { chrome: PageChrome; view: OpenDataView }) {
  const { edition } = view;
  const base = edition ? `/donnees/${edition.year}` : '';
  return (
    <Layout chrome={chrome} title="Données ouvertes" breadcrumbs={[{ href: '/', label: 'Accueil' }]}>
      <h1 class="govuk-heading-xl">Données ouvertes</h1>
      <EditionBanner edition={edition} simulated={view.simulated} />
      {edition ? (
        <>
          <p class="govuk-body">
            {frenchTypography(
              'Chaque table de l’édition se télécharge au format CSV (UTF-8, virgule comme séparateur, point décimal, cellule vide pour une valeur manquante), avec son schéma au format Table Schema ; le descripteur Data Package les réunit, avec la licence.',
            )}
          </p>
          <ReportLinks year={edition.year} files={view.reports} />
          <p class="govuk-body">
            <a class="govuk-link" href={`${base}/datapackage.json`}>
              {`Descripteur Data Package de l’édition ${edition.year} (datapackage.json)`}
            </a>
          </p>
          {view.datasets.map((dataset) => (
            <section class="bm-dataset" aria-labelledby={`table-${dataset.name}`}>
              <h2 class="govuk-heading-m" id={`table-${dataset.name}`}>
                {frenchTypography(dataset.title)}
              </h2>
              <p class="govuk-body">{frenchTypography(dataset.description)}</p>
              {dataset.available ? (
                <ul class="govuk-list">
                  <li>
                    <a class="govuk-link" href={`${base}/${dataset.name}.csv`} download>
                      {`${dataset.name}.csv`}
                    </a>{' '}
                    (données)
                  </li>
                  <li>
                    <a class="govuk-link" href={`${base}/${dataset.name}.schema.json`}>
                      {`${dataset.name}.schema.json`}
                    </a>{' '}
                    (schéma)
                  </li>
                </ul>
              ) : (
                <div class="govuk-inset-text">
                  {frenchTypography(
                    'Pas encore disponible : cette table paraîtra une fois les indicateurs de l’édition calculés.',
                  )}
                </div>
              )}
              <details class="govuk-details">
                <summary class="govuk-details__summary">
                  <span class="govuk-details__summary-text">
                    {frenchTypography(`Les ${dataset.fields.length} colonnes de ${dataset.name}`)}
                  </span>
                </summary>
                <div class="govuk-details__text">
                  <DataTable
                    caption={`Colonnes de la table ${dataset.name}`}
                    captionClass="govuk-table__caption--s"
                    rows={dataset.fields}
                    columns={[
                      { header: 'Nom', cell: (f) => <code>{f.name}</code> },
                      { header: 'Type', cell: (f) => TYPE_NAMES[f.type] ?? f.type },
                      { header: 'Description', cell: (f) => frenchTypography(f.description) },
                    ]}
                  />
                </div>
              </details>
            </section>
          ))}
        </>
      ) : null}
    </Layout>
  );
}
