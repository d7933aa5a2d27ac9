import { formatInteger, frenchTypography } from '../../shared/french-typography.ts';
import { authorityKindName } from '../../territories/authority-lookup.ts';
import type { SearchHit } from '../../territories/authority-search.rules.ts';
import { ErrorSummary, type FieldError } from '../components/error-summary.tsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';
import { authorityPath } from '../routes/kind-slugs.ts';
import { SearchForm } from './search-form.tsx';

export interface SearchView {
  query: string;
  error?: FieldError | undefined;
  /** undefined when no search was made yet. */
  hits?: SearchHit[] | undefined;
}

/** Results shown at most; the page says so when the list is cut. */
export const SEARCH_LIMIT = 50;

export function SearchPage({ chrome, view }: { chrome: PageChrome; view: SearchView }) {
  const title = view.error
    ? 'Erreur : rechercher une collectivité'
    : view.hits
      ? `Résultats pour « ${view.query} »`
      : 'Rechercher une collectivité';
  return (
    <Layout chrome={chrome} title={frenchTypography(title)} breadcrumbs={[{ href: '/', label: 'Accueil' }]}>
      <ErrorSummary errors={view.error ? [view.error] : []} />
      <h1 class="govuk-heading-xl">Rechercher une collectivité</h1>
      <SearchForm query={view.query} error={view.error} />
      {view.hits ? <Results query={view.query} hits={view.hits} /> : null}
    </Layout>
  );
}

function Results({ query, hits }: { query: string; hits: SearchHit[] }) {
  if (hits.length === 0) {
    return (
      <section aria-labelledby="resultats">
        <h2 class="govuk-heading-m" id="resultats">
          {frenchTypography(`Aucun résultat pour « ${query} »`)}
        </h2>
        <p class="govuk-body">Vérifiez l’orthographe, ou essayez le code INSEE ou le code postal.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="resultats">
      <h2 class="govuk-heading-m" id="resultats">
        {hits.length === 1 ? '1 résultat' : `${formatInteger(hits.length)} résultats`}
      </h2>
      {hits.length >= SEARCH_LIMIT ? (
        <p class="govuk-body">
          {frenchTypography(`Seuls les ${SEARCH_LIMIT} premiers sont affichés : précisez la recherche.`)}
        </p>
      ) : null}
      <ul class="bm-results">
        {hits.map((hit) => (
          <li class="bm-results__item">
            <a class="govuk-link govuk-!-font-weight-bold" href={authorityPath(hit.authority)}>
              {hit.authority.name}
            </a>
            <p class="govuk-body-s bm-muted govuk-!-margin-bottom-0">{describeHit(hit)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "Commune · code INSEE 01053 · département 01 · 41 365 habitants · code postal 01000" */
export function describeHit(hit: SearchHit): string {
  const { authority } = hit;
  const kind = authorityKindName(authority.kind);
  const parts = [
    kind.charAt(0).toUpperCase() + kind.slice(1),
    `${authority.kind === 'epci' ? 'SIREN' : 'code'} ${authority.code}`,
  ];
  if (authority.departementCode && authority.kind !== 'departement')
    parts.push(`département ${authority.departementCode}`);
  if (authority.population !== null) parts.push(`${formatInteger(authority.population)} habitants`);
  if (hit.reason === 'postal_code' && hit.postalCode) parts.push(`code postal ${hit.postalCode}`);
  return parts.join(' · ');
}
