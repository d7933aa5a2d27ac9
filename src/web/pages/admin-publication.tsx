import type { EditionRow } from '../../db/schema.ts';
import type { PublicationResult } from '../../editions/publication.service.ts';
import type { ComputeSummary } from '../../indicators/indicators.service.ts';
import type { RankingRow } from '../../indicators/queries/ranking-page.query.ts';
import {
  formatDate,
  formatDecimal,
  formatInteger,
  frenchTypography,
} from '../../shared/french-typography.ts';
import { authorityKindName } from '../../territories/authority-lookup.ts';
import { NoticeBanner } from '../components/choice-fields.tsx';
import { DataTable } from '../components/data-table.tsx';
import { ErrorSummary, type FieldError } from '../components/error-summary.tsx';
import { CsrfField, FieldNotes } from '../components/form-fields.tsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';
import { kindSlug } from '../routes/kind-slugs.ts';
import { BACK_OFFICE_CRUMB, editionCrumbs, editionPath } from './admin-editions.tsx';

export interface ComputeView {
  edition: EditionRow;
  computed: { computedAt: string; authorities: number } | undefined;
  summary: ComputeSummary | undefined;
  csrfToken: string;
  errors: readonly FieldError[];
}

export function ComputePage({ chrome, view }: { chrome: PageChrome; view: ComputeView }) {
  const { edition } = view;
  return (
    <Layout
      chrome={chrome}
      title={`${view.errors.length ? 'Erreur : ' : ''}Calcul des indicateurs ${edition.year}`}
      breadcrumbs={editionCrumbs(edition.year)}
    >
      <ErrorSummary errors={view.errors} />
      {view.summary ? (
        <NoticeBanner
          success
          title="Succès"
          message={`Indicateurs calculés pour ${formatInteger(view.summary.authorities)} collectivités (méthode ${view.summary.methodVersion}).`}
        />
      ) : null}
      <span class="govuk-caption-l">Édition {edition.year}</span>
      <h1 class="govuk-heading-l">Calcul des indicateurs</h1>
      <p class="govuk-body">
        {frenchTypography(
          view.computed
            ? `Derniers calculs : le ${formatDate(view.computed.computedAt)}, ${formatInteger(view.computed.authorities)} collectivités. Un nouveau calcul les remplace.`
            : 'Les indicateurs de cette édition ne sont pas encore calculés.',
        )}
      </p>
      {edition.status === 'draft' ? (
        <form action={`${editionPath(edition.year)}/calcul`} method="post" novalidate>
          <CsrfField token={view.csrfToken} />
          <button type="submit" class="govuk-button" id="calcul">
            Calculer les indicateurs
          </button>
        </form>
      ) : (
        <p class="govuk-body">L’édition est publiée : ses indicateurs sont figés.</p>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={`${editionPath(edition.year)}/apercu`}>
          Voir l’aperçu des fiches et du classement
        </a>
      </p>
    </Layout>
  );
}

export interface PublicationView {
  edition: EditionRow;
  csrfToken: string;
  errors: readonly FieldError[];
  result: PublicationResult | undefined;
}

export function PublicationPage({ chrome, view }: { chrome: PageChrome; view: PublicationView }) {
  const { edition, result } = view;
  return (
    <Layout
      chrome={chrome}
      title={`${view.errors.length ? 'Erreur : ' : ''}Publication de l’édition ${edition.year}`}
      breadcrumbs={editionCrumbs(edition.year)}
    >
      <ErrorSummary errors={view.errors} />
      {result ? (
        <NoticeBanner
          success
          title="Succès"
          message={`Édition ${edition.year} publiée : ${formatInteger(result.summary.assessments)} évaluations figées.`}
        />
      ) : null}
      <span class="govuk-caption-l">Édition {edition.year}</span>
      <h1 class="govuk-heading-l">Publication</h1>
      {result?.warnings.length ? (
        <>
          <h2 class="govuk-heading-m">Points à signaler</h2>
          <ul class="govuk-list govuk-list--bullet">
            {result.warnings.map((warning) => (
              <li>{frenchTypography(warning)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {edition.status === 'published' ? (
        <p class="govuk-body">
          {frenchTypography(
            `L’édition est publiée depuis le ${formatDate(edition.published_at ?? edition.created_at)} : ses évaluations et ses indicateurs sont figés ; une correction passe par un erratum.`,
          )}
        </p>
      ) : (
        <form action={`${editionPath(edition.year)}/publication`} method="post" novalidate>
          <CsrfField token={view.csrfToken} />
          <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong class="govuk-warning-text__text">
              {frenchTypography(
                'Publier fige l’édition : plus aucune évaluation ne change, sauf par un erratum public. Cette action est définitive.',
              )}
            </strong>
          </div>
          <div class={`govuk-form-group${view.errors.length ? ' govuk-form-group--error' : ''}`}>
            <FieldNotes id="confirmation" error={view.errors.find((e) => e.field === 'confirmation')} />
            <div class="govuk-checkboxes govuk-checkboxes--small">
              <div class="govuk-checkboxes__item">
                <input
                  class="govuk-checkboxes__input"
                  id="confirmation"
                  name="confirmation"
                  type="checkbox"
                  value="oui"
                />
                <label class="govuk-label govuk-checkboxes__label" for="confirmation">
                  {`Je confirme la publication de l’édition ${edition.year}`}
                </label>
              </div>
            </div>
          </div>
          <button type="submit" class="govuk-button govuk-button--warning">
            Publier l’édition
          </button>
        </form>
      )}
    </Layout>
  );
}

export interface PreviewView {
  edition: EditionRow;
  /** Undefined until the edition's indicators are computed. */
  rows: readonly RankingRow[] | undefined;
}

export const previewPath = (year: number, authority: { kind: RankingRow['kind']; code: string }) =>
  `${editionPath(year)}/apercu/${kindSlug(authority.kind)}/${authority.code}`;

export function PreviewPage({ chrome, view }: { chrome: PageChrome; view: PreviewView }) {
  const { edition } = view;
  return (
    <Layout
      chrome={chrome}
      title={`Aperçu de l’édition ${edition.year}`}
      breadcrumbs={editionCrumbs(edition.year)}
    >
      <span class="govuk-caption-l">Édition {edition.year}</span>
      <h1 class="govuk-heading-l">Aperçu du classement</h1>
      <p class="govuk-body">
        {frenchTypography(
          edition.status === 'draft'
            ? 'Réservé à l’équipe : ces résultats ne sont pas publiés et peuvent encore changer.'
            : 'Édition publiée : ce classement est celui du site public.',
        )}
      </p>
      {view.rows ? (
        <DataTable
          caption={`Collectivités de l’édition ${edition.year}, par indice`}
          rowHeader={1}
          rows={view.rows}
          columns={[
            { header: 'Rang', numeric: true, cell: (r) => formatInteger(r.rank) },
            {
              header: 'Collectivité',
              cell: (r) => (
                <a class="govuk-link" href={previewPath(edition.year, r)}>
                  {r.name}
                </a>
              ),
            },
            { header: 'Type', cell: (r) => authorityKindName(r.kind) },
            { header: 'Indice', numeric: true, cell: (r) => formatDecimal(r.index, 1) },
            { header: 'Services de bout en bout', numeric: true, cell: (r) => formatInteger(r.endToEnd) },
          ]}
        />
      ) : (
        <p class="govuk-body">
          Les indicateurs ne sont pas encore calculés.{' '}
          <a class="govuk-link" href={`${editionPath(edition.year)}/calcul`}>
            Calculer les indicateurs
          </a>
        </p>
      )}
    </Layout>
  );
}

/** The editions the staff may preview, each linking to its ranking. */
export function PreviewsPage({
  chrome,
  view,
}: {
  chrome: PageChrome;
  view: { editions: readonly EditionRow[] };
}) {
  return (
    <Layout chrome={chrome} title="Aperçu des éditions" breadcrumbs={[BACK_OFFICE_CRUMB]}>
      <h1 class="govuk-heading-l">Aperçu des éditions</h1>
      {view.editions.length ? (
        <ul class="govuk-list">
          {view.editions.map((edition) => (
            <li>
              <a class="govuk-link" href={`${editionPath(edition.year)}/apercu`}>
                {edition.title}
              </a>{' '}
              ({edition.status === 'draft' ? 'en préparation' : 'publiée'})
            </li>
          ))}
        </ul>
      ) : (
        <p class="govuk-body">Aucune édition pour l’instant.</p>
      )}
    </Layout>
  );
}
