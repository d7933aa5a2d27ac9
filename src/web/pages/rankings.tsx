import type { AuthorityKind, EditionRow } from '../../db/schema.ts';
import type { RankingPage, RankingRow, RankingSort } from '../../indicators/queries/ranking-page.query.ts';
import { peerGroupsOf } from '../../indicators/ranking.rules.ts';
import { formatDecimal, formatInteger, frenchTypography, plural } from '../../shared/french-typography.ts';
import { authorityKindName } from '../../territories/authority-lookup.ts';
import { type Column, DataTable } from '../components/data-table.tsx';
import { option, Select } from '../components/select-field.tsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';
import { authorityPath, kindSlug } from '../routes/kind-slugs.ts';
import {
  DEFAULT_DIRECTION,
  PER_PAGE_CHOICES,
  type RankingParams,
  rankingQueryString,
} from '../routes/ranking-params.ts';
import { EditionBanner } from './home.tsx';
import { Pagination } from './pagination.tsx';

export interface Place {
  code: string;
  name: string;
}

export interface RankingsView {
  edition: EditionRow | undefined;
  /** False until the edition's indicators are computed: there is nothing to rank yet. */
  computed: boolean;
  simulated: boolean;
  params: RankingParams;
  page: RankingPage;
  regions: Place[];
  departements: Place[];
}

/** Kinds in the order of the filter, with their plural French names. */
export const KIND_PLURALS: readonly [AuthorityKind, string][] = [
  ['region', 'Régions'],
  ['departement', 'Départements'],
  ['collectivite_unique', 'Collectivités uniques'],
  ['epci', 'Intercommunalités (EPCI)'],
  ['commune', 'Communes'],
];
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function RankingsPage({ chrome, view }: { chrome: PageChrome; view: RankingsView }) {
  return (
    <Layout
      chrome={chrome}
      title="Classement des collectivités"
      breadcrumbs={[{ href: '/', label: 'Accueil' }]}
    >
      <h1 class="govuk-heading-xl">Classement des collectivités</h1>
      <EditionBanner edition={view.edition} simulated={view.simulated} />
      {view.edition && view.computed ? (
        <>
          <p class="govuk-body">
            {frenchTypography(
              'L’indice du Baromètre (sur 100) combine les démarches faisables de bout en bout, les services numérisés, les thématiques couvertes et la qualité du portail (voir la méthodologie). Le rang compare chaque collectivité à celles de sa catégorie.',
            )}
          </p>
          <Filters view={view} />
          <Results view={view} />
        </>
      ) : view.edition ? (
        <div class="govuk-inset-text">
          {frenchTypography(
            `Les indicateurs de l’édition ${view.edition.year} ne sont pas encore calculés : le classement apparaîtra ici une fois le calcul lancé.`,
          )}
        </div>
      ) : null}
    </Layout>
  );
}

/** A GET form: it works without JavaScript, and its URL is the view one can share. */
function Filters({ view }: { view: RankingsView }) {
  const { params } = view;
  return (
    <form method="get" action="/classements" class="bm-filters" aria-labelledby="filtres-titre">
      <h2 class="govuk-heading-m" id="filtres-titre">
        Filtrer
      </h2>
      <div class="bm-filters__fields">
        <Select id="categorie" label="Catégorie">
          {option('', 'Toutes', params.kindSlug)}
          {KIND_PLURALS.map(([kind, name]) => option(kindSlug(kind), name, params.kindSlug))}
        </Select>
        <Select id="region" label="Région">
          {option('', 'Toutes', params.region)}
          {view.regions.map((r) => option(r.code, r.name, params.region))}
        </Select>
        <Select id="departement" label="Département">
          {option('', 'Tous', params.departement)}
          {view.departements.map((d) => option(d.code, `${d.code} — ${d.name}`, params.departement))}
        </Select>
        <Select id="strate" label="Strate de population">
          {option('', 'Toutes', params.stratum)}
          {KIND_PLURALS.map(([kind, name]) => (
            <optgroup label={name}>
              {peerGroupsOf(kind).map((g) => option(g.value, g.label, params.stratum))}
            </optgroup>
          ))}
        </Select>
        <Select id="par_page" label="Lignes par page">
          {PER_PAGE_CHOICES.map((n) => option(String(n), String(n), String(params.perPage)))}
        </Select>
      </div>
      {/* The current order survives a change of filters. */}
      {params.sort !== 'indice' ? <input type="hidden" name="tri" value={params.sort} /> : null}
      {params.direction !== DEFAULT_DIRECTION[params.sort] ? (
        <input type="hidden" name="ordre" value={params.direction} />
      ) : null}
      <div class="govuk-button-group">
        <button type="submit" class="govuk-button">
          Appliquer les filtres
        </button>
        <a class="govuk-link" href="/classements">
          Réinitialiser
        </a>
      </div>
    </form>
  );
}

interface SortableColumn extends Column<RankingRow> {
  sort?: RankingSort;
}

const COLUMNS: readonly SortableColumn[] = [
  {
    header: 'Rang',
    numeric: true,
    cell: (r) => `${formatInteger(r.rank)} sur ${formatInteger(r.rankTotal)}`,
  },
  { sort: 'nom', header: 'Collectivité', cell: (r) => <a href={authorityPath(r)}>{r.name}</a> },
  { header: 'Catégorie', cell: (r) => capitalised(authorityKindName(r.kind)) },
  {
    sort: 'indice',
    header: 'Indice sur 100',
    numeric: true,
    cell: (r) => (r.indexPartial ? `${formatDecimal(r.index)} (partiel)` : formatDecimal(r.index)),
  },
  {
    sort: 'bout-en-bout',
    header: 'Démarches de bout en bout',
    numeric: true,
    cell: (r) => formatInteger(r.endToEnd),
  },
  {
    sort: 'thematiques',
    header: 'Thématiques couvertes',
    numeric: true,
    cell: (r) => `${formatInteger(r.themesCovered)} sur ${formatInteger(r.themesApplicable)}`,
  },
  {
    sort: 'population',
    header: 'Population',
    numeric: true,
    cell: (r) => (r.population === null ? 'inconnue' : formatInteger(r.population)),
  },
];

function Results({ view }: { view: RankingsView }) {
  const { params, page } = view;
  const pages = Math.max(1, Math.ceil(page.total / params.perPage));
  const first = (params.page - 1) * params.perPage + 1;
  const csvHref = `/classements.csv${rankingQueryString(params, { withPage: false })}`;
  return (
    <section aria-labelledby="resultats-titre">
      <h2 class="govuk-heading-m" id="resultats-titre">
        {plural(page.total, 'collectivité')}
      </h2>
      <p class="govuk-body">
        <a class="govuk-link" href={csvHref} download>
          Télécharger cette vue au format CSV
        </a>{' '}
        <span class="bm-muted">
          {frenchTypography('(toutes les pages, filtres et tri compris ; séparateur « ; »)')}
        </span>
      </p>
      {page.rows.length === 0 ? (
        <p class="govuk-body">Aucune collectivité ne correspond à ces filtres.</p>
      ) : (
        <DataTable
          caption={frenchTypography(
            `Collectivités ${formatInteger(first)} à ${formatInteger(first + page.rows.length - 1)} sur ${formatInteger(page.total)}, page ${formatInteger(params.page)} sur ${formatInteger(pages)}`,
          )}
          captionClass="govuk-table__caption--s"
          className="bm-ranking"
          rowHeader={1}
          rows={page.rows}
          columns={COLUMNS.map((column) => sortable(column, params))}
        />
      )}
      <Pagination
        current={params.page}
        pages={pages}
        href={(n) => `/classements${rankingQueryString({ ...params, page: n })}`}
      />
    </section>
  );
}

/** A column whose header links to the view sorted by it; a second click reverses the order. */
function sortable(column: SortableColumn, params: RankingParams): Column<RankingRow> {
  const { sort, ...rest } = column;
  if (!sort) return rest;
  const active = params.sort === sort;
  const direction = active ? (params.direction === 'asc' ? 'desc' : 'asc') : DEFAULT_DIRECTION[sort];
  const href = `/classements${rankingQueryString({ ...params, sort, direction, page: 1 })}`;
  return {
    ...rest,
    ...(active ? { sorted: params.direction === 'asc' ? 'ascending' : 'descending' } : {}),
    headerCell: (
      <a class="govuk-link bm-sort" href={href}>
        {column.header}
        {active ? <span aria-hidden="true">{params.direction === 'asc' ? ' ▲' : ' ▼'}</span> : null}
        <span class="govuk-visually-hidden">{` (trier par ordre ${direction === 'asc' ? 'croissant' : 'décroissant'})`}</span>
      </a>
    ),
  };
}
