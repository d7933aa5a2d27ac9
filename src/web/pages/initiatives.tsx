import type { PublishedEntry } from '../../initiatives/registry-view.rules.ts';
import { type DomainCount, SIZE_BANDS } from '../../initiatives/registry-view.rules.ts';
import { formatInteger, formatPercent, frenchTypography, plural } from '../../shared/french-typography.ts';
import { barChart } from '../charts/bar-chart.ts';
import { ChartFigure } from '../components/chart-figure.tsx';
import { DataTable } from '../components/data-table.tsx';
import { option, Select } from '../components/select-field.tsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';
import { authorityPath } from '../routes/kind-slugs.ts';
import { Pagination } from './pagination.tsx';

export const REGISTRY_PAGE_SIZE = 50;

/** The registry's filters as read from the URL (French names). */
export interface RegistryParams {
  domaine?: string | undefined;
  region?: string | undefined;
  taille?: string | undefined;
  annee?: number | undefined;
  page: number;
}

export interface InitiativesView {
  query: RegistryParams;
  /** Published initiatives, and those the filters keep. */
  total: number;
  kept: number;
  /** This page's entries. */
  entries: PublishedEntry[];
  counts: DomainCount[];
  domains: { key: string; label: string }[];
  regions: { code: string; name: string }[];
  years: number[];
}

/** The view's filters as a query string; `page` only when asked (exports start from the whole view). */
export function registryQueryString(query: RegistryParams, page?: number): string {
  const search = new URLSearchParams();
  if (query.domaine) search.set('domaine', query.domaine);
  if (query.region) search.set('region', query.region);
  if (query.taille) search.set('taille', query.taille);
  if (query.annee) search.set('annee', String(query.annee));
  if (page !== undefined && page > 1) search.set('page', String(page));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function InitiativesPage({ chrome, view }: { chrome: PageChrome; view: InitiativesView }) {
  const label = new Map(view.domains.map((d) => [d.key, d.label]));
  const pages = Math.max(1, Math.ceil(view.kept / REGISTRY_PAGE_SIZE));
  const exportQuery = registryQueryString(view.query);
  return (
    <Layout chrome={chrome} title="Initiatives numériques" breadcrumbs={[{ href: '/', label: 'Accueil' }]}>
      <h1 class="govuk-heading-xl">Initiatives numériques des collectivités</h1>
      <p class="govuk-body-l">
        {frenchTypography(
          'Le registre des initiatives que les collectivités mènent pour le numérique, publiées après modération et classées par domaine.',
        )}
      </p>
      <Filters view={view} />
      <p class="govuk-body" role="status">
        {view.kept === view.total
          ? `${plural(view.total, 'initiative publiée', 'initiatives publiées')}.`
          : `${formatInteger(view.kept)} sur ${plural(view.total, 'initiative publiée', 'initiatives publiées')} ${view.kept > 1 ? 'répondent' : 'répond'} aux filtres.`}
      </p>
      {view.kept > 0 ? <DomainChart view={view} label={label} /> : null}
      <section aria-labelledby="liste-titre">
        <h2 class="govuk-heading-l" id="liste-titre">
          Les initiatives
        </h2>
        <p class="govuk-body">
          {'Télécharger cette sélection : '}
          <a class="govuk-link" href={`/initiatives.csv${exportQuery}`} download>
            CSV
          </a>
          {' · '}
          <a class="govuk-link" href={`/initiatives.xlsx${exportQuery}`} download>
            XLSX (tableur)
          </a>
          {' · '}
          <a class="govuk-link" href={`/initiatives.json${exportQuery}`} download>
            JSON (avec la nomenclature des domaines)
          </a>
        </p>
        {view.entries.length === 0 ? (
          <p class="govuk-body">Aucune initiative publiée ne répond à ces filtres.</p>
        ) : (
          <ul class="govuk-list bm-initiatives">
            {view.entries.map(({ initiative, domains }) => (
              <li class="bm-initiative">
                <h3 class="govuk-heading-s">{frenchTypography(initiative.title)}</h3>
                <p class="govuk-body-s bm-muted">
                  <a
                    class="govuk-link"
                    href={authorityPath({ kind: initiative.authorityKind, code: initiative.authorityCode })}
                  >
                    {initiative.authorityName}
                  </a>
                  {` · ${initiative.year} · ${domains.map((d) => label.get(d.domain) ?? d.domain).join(', ')}`}
                </p>
                <p class="govuk-body">{initiative.description}</p>
                {initiative.url ? (
                  <p class="govuk-body-s">
                    <a class="govuk-link" href={initiative.url} rel="nofollow">
                      {`En savoir plus sur « ${initiative.title} »`}
                    </a>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <Pagination
          current={view.query.page}
          pages={pages}
          href={(n) => `/initiatives${registryQueryString(view.query, n)}`}
        />
      </section>
    </Layout>
  );
}

/** A GET form: it works without JavaScript, and its URL is the view one can share. */
function Filters({ view }: { view: InitiativesView }) {
  const { query } = view;
  return (
    <form method="get" action="/initiatives" class="bm-filters" aria-labelledby="filtres-titre">
      <h2 class="govuk-heading-m" id="filtres-titre">
        Filtrer
      </h2>
      <div class="bm-filters__fields">
        <Select id="domaine" label="Domaine">
          {option('', 'Tous', query.domaine)}
          {view.domains.map((d) => option(d.key, d.label, query.domaine))}
        </Select>
        <Select id="region" label="Région">
          {option('', 'Toutes', query.region)}
          {view.regions.map((r) => option(r.code, r.name, query.region))}
        </Select>
        <Select id="taille" label="Taille de la collectivité">
          {option('', 'Toutes', query.taille)}
          {SIZE_BANDS.map((b) => option(b.key, b.label, query.taille))}
        </Select>
        <Select id="annee" label="Année">
          {option('', 'Toutes', query.annee === undefined ? undefined : String(query.annee))}
          {view.years.map((y) =>
            option(String(y), String(y), query.annee === undefined ? undefined : String(query.annee)),
          )}
        </Select>
      </div>
      <button type="submit" class="govuk-button govuk-button--secondary">
        Filtrer
      </button>
    </form>
  );
}

function DomainChart({ view, label }: { view: InitiativesView; label: Map<string, string> }) {
  const ranked = [...view.counts].sort((a, b) => b.count - a.count);
  const top = ranked[0];
  const name = (key: string) => label.get(key) ?? key;
  return (
    <ChartFigure
      title="Part des initiatives par domaine"
      svg={barChart({
        id: 'initiatives-domaines',
        title: 'Part des initiatives par domaine',
        description: `Part des ${view.kept} initiatives retenues qui relèvent de chaque domaine (une initiative peut en avoir plusieurs).`,
        bars: ranked.map((c) => ({ label: name(c.domain), value: c.share * 100 })),
        valueLabel: 'Part des initiatives (%)',
      })}
      summary={
        top
          ? `Le domaine le plus fréquent est « ${name(top.domain)} » : ${formatPercent(top.share)} des initiatives retenues. Une initiative peut relever de plusieurs domaines, les parts dépassent donc 100 % au total.`
          : ''
      }
      table={
        <DataTable
          caption="Initiatives par domaine"
          captionClass="govuk-table__caption--s"
          rows={ranked}
          columns={[
            { header: 'Domaine', cell: (c) => name(c.domain) },
            { header: 'Initiatives', numeric: true, cell: (c) => formatInteger(c.count) },
            { header: 'Part', numeric: true, cell: (c) => formatPercent(c.share) },
          ]}
        />
      }
    />
  );
}
