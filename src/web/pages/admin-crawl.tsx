import type { CrawlProgress, SiteProgress } from '../../audits/crawl-progress.query.ts';
import { fetchStatusLabel } from '../../crawl/fetch-status-labels.ts';
import type { EditionRow } from '../../db/schema.ts';
import { formatInteger, frenchTypography } from '../../shared/french-typography.ts';
import type { AuthorityRef } from '../../territories/authority-refs.ts';
import { ActionButton, ProblemBanner } from '../components/choice-fields.tsx';
import { DataTable } from '../components/data-table.tsx';
import type { FieldError } from '../components/error-summary.tsx';
import { CsrfField, TextField } from '../components/form-fields.tsx';
import { FormPage } from '../components/form-page.tsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';
import { kindSlug } from '../routes/kind-slugs.ts';
import { editionCrumbs, editionPath } from './admin-editions.tsx';

/** Seconds between two reloads of the progress page while a crawl runs. */
export const PROGRESS_REFRESH_SECONDS = 5;
/** Sites listed at most: a national crawl has thousands; the ones needing attention come first. */
export const SITES_SHOWN = 200;

const errorPages = (site: SiteProgress) => site.pages - (site.byStatus.ok ?? 0);

/** Failed sites first, then the most pages in error, then the order of the crawl. */
function sitesNeedingAttention(sites: readonly SiteProgress[]): SiteProgress[] {
  return [...sites]
    .sort(
      (a, b) =>
        Number(b.status === 'failed') - Number(a.status === 'failed') ||
        errorPages(b) - errorPages(a) ||
        a.siteId - b.siteId,
    )
    .slice(0, SITES_SHOWN);
}

const SITE_STATUS_LABELS: Record<SiteProgress['status'], string> = {
  pending: 'En attente',
  running: 'En cours',
  done: 'Terminé',
  failed: 'Échec',
};

export interface CrawlView {
  edition: EditionRow;
  progress: CrawlProgress | undefined;
  running: boolean;
  /** Why this server's last crawl of the edition stopped, if it failed. */
  failure: string | undefined;
  csrfToken: string;
  errors: readonly FieldError[];
}

export const websiteFixPath = (year: number, authority: Pick<AuthorityRef, 'kind' | 'code'>) =>
  `${editionPath(year)}/site/${kindSlug(authority.kind)}/${authority.code}`;

/** Pages by fetch status other than « ok », most frequent first: a site's errors. */
function ErrorCounts({ byStatus }: { byStatus: Record<string, number> }) {
  const errors = Object.entries(byStatus)
    .filter(([status]) => status !== 'ok')
    .sort((a, b) => b[1] - a[1]);
  if (errors.length === 0) return <>aucune</>;
  return (
    <ul class="govuk-list govuk-!-margin-bottom-0">
      {errors.map(([status, count]) => (
        <li>
          {fetchStatusLabel(status)} : {formatInteger(count)}
        </li>
      ))}
    </ul>
  );
}

export function CrawlPage({ chrome, view }: { chrome: PageChrome; view: CrawlView }) {
  const { edition, progress } = view;
  const year = edition.year;
  const figures: [string, string][] = progress
    ? [
        [`${formatInteger(progress.sitesDone)} sur ${formatInteger(progress.sitesTotal)}`, 'sites terminés'],
        [formatInteger(progress.pages), 'pages collectées'],
        [formatInteger(progress.errors), 'pages en erreur'],
      ]
    : [];
  return (
    <Layout
      chrome={chrome}
      title={`Collecte de l’édition ${year}`}
      breadcrumbs={editionCrumbs(year)}
      {...(view.running ? { refreshSeconds: PROGRESS_REFRESH_SECONDS } : {})}
    >
      <span class="govuk-caption-l">Édition {year}</span>
      <h1 class="govuk-heading-l">Collecte des sites</h1>
      {view.errors.map((error) => (
        <ProblemBanner message={error.message} />
      ))}
      {view.failure ? (
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">
            {frenchTypography(`Erreur de collecte : ${view.failure}.`)}
          </strong>
        </div>
      ) : null}
      {view.running ? (
        <p class="govuk-body">
          {frenchTypography(
            `Collecte en cours : cette page se met à jour toutes les ${PROGRESS_REFRESH_SECONDS} secondes.`,
          )}{' '}
          <a class="govuk-link" href={`${editionPath(year)}/collecte`}>
            Mettre à jour maintenant
          </a>
        </p>
      ) : progress ? (
        <p class="govuk-body">
          {frenchTypography(
            `Dernière collecte (n° ${progress.run.id}) : ${progress.run.status === 'completed' ? 'terminée' : progress.run.status === 'running' ? 'inachevée' : 'interrompue'}.`,
          )}
        </p>
      ) : (
        <p class="govuk-body">Aucune collecte n’a encore été lancée pour cette édition.</p>
      )}
      {figures.length ? (
        <ul class="govuk-list bm-figures">
          {figures.map(([figure, label]) => (
            <li>
              <strong class="govuk-!-font-size-36">{figure}</strong> {label}
            </li>
          ))}
        </ul>
      ) : null}
      {edition.status === 'draft' && (!view.running || view.failure) ? (
        <ActionButton
          action={`${editionPath(year)}/collecte`}
          csrfToken={view.csrfToken}
          label={progress ? 'Relancer la collecte de toutes les collectivités' : 'Lancer la collecte'}
          {...(progress ? { secondary: true } : {})}
        />
      ) : null}
      {progress && progress.sites.length > SITES_SHOWN ? (
        <p class="govuk-body">
          {frenchTypography(
            `Les ${SITES_SHOWN} sites qui demandent le plus d’attention, sur ${formatInteger(progress.sites.length)} : en échec d’abord, puis par pages en erreur.`,
          )}
        </p>
      ) : null}
      {progress?.sites.length ? (
        <DataTable
          caption="Sites de la collecte, erreurs par statut"
          rows={sitesNeedingAttention(progress.sites)}
          columns={[
            { header: 'Site', cell: (s) => <span class="bm-break">{s.startUrl}</span> },
            {
              header: 'Collectivité',
              cell: (s) => s.authorities.map((a) => `${a.name} (${a.code})`).join(', '),
            },
            {
              header: 'État',
              cell: (s) =>
                s.error ? `${SITE_STATUS_LABELS[s.status]} : ${s.error}` : SITE_STATUS_LABELS[s.status],
            },
            { header: 'Pages', numeric: true, cell: (s) => formatInteger(s.pages) },
            { header: 'Erreurs par statut', cell: (s) => <ErrorCounts byStatus={s.byStatus} /> },
            {
              header: 'Action',
              cell: (s) =>
                edition.status === 'draft'
                  ? s.authorities.map((a) => (
                      <a class="govuk-link" href={websiteFixPath(year, a)}>
                        Corriger<span class="govuk-visually-hidden"> le site de {a.name} et relancer</span>
                      </a>
                    ))
                  : '—',
            },
          ]}
        />
      ) : null}
    </Layout>
  );
}

export interface WebsiteFixView {
  edition: EditionRow;
  authority: AuthorityRef;
  currentUrl: string | undefined;
  url: string;
  csrfToken: string;
  errors: readonly FieldError[];
}

export function WebsiteFixPage({ chrome, view }: { chrome: PageChrome; view: WebsiteFixView }) {
  const { authority, edition } = view;
  return (
    <FormPage chrome={chrome} title={`Site de ${authority.name}`} errors={view.errors}>
      <span class="govuk-caption-l">Édition {edition.year}</span>
      <h1 class="govuk-heading-l">Site de {authority.name}</h1>
      <p class="govuk-body">{frenchTypography(`Adresse actuelle : ${view.currentUrl ?? 'aucune'}.`)}</p>
      <form action={websiteFixPath(edition.year, authority)} method="post" novalidate>
        <CsrfField token={view.csrfToken} />
        <TextField
          id="url"
          label="Adresse du site"
          hint="L’ancienne adresse est gardée dans l’historique ; le changement est inscrit au journal."
          type="text"
          autocomplete="url"
          value={view.url}
          errors={view.errors}
        />
        <button type="submit" class="govuk-button">
          Enregistrer et relancer la collecte de ce site
        </button>
      </form>
    </FormPage>
  );
}
