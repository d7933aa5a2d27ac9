import { formatInteger, formatPercent, frenchTypography, plural } from '../../shared/french-typography.ts';
import { barChart } from '../charts/bar-chart.ts';
import { ChartFigure } from '../components/chart-figure.tsx';
import { DataTable } from '../components/data-table.tsx';
import { KindSwitch, NotComputed } from '../components/kind-switch.tsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';
import type { ThemesView, ThemeView } from '../routes/indicator-views.ts';
import { authorityPath, kindSlug } from '../routes/kind-slugs.ts';
import { KIND_PLURALS } from './authority-scorecard.tsx';
import { EditionBanner } from './home.tsx';

const themePath = (key: string, view: ThemesView) =>
  `/thematiques/${encodeURIComponent(key)}${view.kind && view.kinds.length > 1 ? `?type=${kindSlug(view.kind)}` : ''}`;

export function ThemesPage({ chrome, view }: { chrome: PageChrome; view: ThemesView }) {
  const ranking = new Map(view.aggregates?.themes.map((t) => [t.key, t]) ?? []);
  return (
    <Layout chrome={chrome} title="Thématiques" breadcrumbs={[{ href: '/', label: 'Accueil' }]}>
      <h1 class="govuk-heading-xl">Thématiques</h1>
      <EditionBanner edition={view.edition} simulated={view.simulated} />
      <p class="govuk-body">
        {frenchTypography(
          'Le référentiel range les services en thématiques. Le taux de numérisation d’une thématique est la part de ses services applicables proposés en ligne, au moins partiellement (niveau 2 ou plus).',
        )}
      </p>
      <KindSwitch path="/thematiques" kinds={view.kinds} current={view.kind} />
      {view.run ? null : <NotComputed edition={view.edition} />}
      {view.themes.length > 0 ? (
        <DataTable
          caption={
            view.kind && view.aggregates
              ? frenchTypography(
                  `Thématiques du référentiel, taux de numérisation des ${KIND_PLURALS[view.kind]}`,
                )
              : 'Thématiques du référentiel'
          }
          rows={view.themes}
          columns={[
            { header: 'Thématique', cell: (t) => <a href={themePath(t.key, view)}>{t.name}</a> },
            { header: 'Services', numeric: true, cell: (t) => formatInteger(t.services.length) },
            {
              header: 'Taux de numérisation',
              numeric: true,
              cell: (t) => {
                const row = ranking.get(t.key);
                return row ? formatPercent(row.rate, 0) : 'sans objet';
              },
            },
            {
              header: 'Rang',
              numeric: true,
              cell: (t) => {
                const row = ranking.get(t.key);
                return row ? formatInteger(row.rank) : '—';
              },
            },
          ]}
        />
      ) : null}
    </Layout>
  );
}

export function ThemePage({ chrome, view }: { chrome: PageChrome; view: ThemeView }) {
  const { theme, kind } = view;
  const kinds = kind ? KIND_PLURALS[kind] : '';
  const rated = view.rates.filter((r) => r.assessed > 0);
  return (
    <Layout
      chrome={chrome}
      title={theme.name}
      breadcrumbs={[
        { href: '/', label: 'Accueil' },
        { href: '/thematiques', label: 'Thématiques' },
      ]}
    >
      <span class="govuk-caption-l">Thématique</span>
      <h1 class="govuk-heading-xl">{theme.name}</h1>
      <EditionBanner edition={view.edition} simulated={view.simulated} />
      {theme.description ? <p class="govuk-body">{frenchTypography(theme.description)}</p> : null}
      <KindSwitch path={`/thematiques/${encodeURIComponent(theme.key)}`} kinds={view.kinds} current={kind} />
      {view.run ? null : <NotComputed edition={view.edition} />}
      {view.ranking && kind ? (
        <p class="govuk-body">
          {frenchTypography(
            `Pour les ${kinds}, ${formatPercent(view.ranking.rate, 0)} des services applicables de la thématique sont en ligne (niveau 2 ou plus), dont ${plural(view.ranking.endToEnd, 'service', 'services')} de bout en bout ; ${formatInteger(view.ranking.covering)} ${kinds} sur ${formatInteger(view.ranking.authorities)} en proposent au moins un. Rang de la thématique : ${formatInteger(view.ranking.rank)}.`,
          )}
        </p>
      ) : null}
      <section aria-labelledby="services">
        <h2 class="govuk-heading-l" id="services">
          Services de la thématique
        </h2>
        {rated.length > 0 && kind ? (
          <ChartFigure
            title={frenchTypography(`Taux de numérisation par service, ${kinds} évalués`)}
            svg={barChart({
              id: 'taux-services',
              title: `Taux de numérisation par service (${kinds})`,
              description: `Part des ${kinds} évalués proposant chaque service en ligne, au moins partiellement.`,
              bars: rated.map((r) => ({ label: r.serviceName, value: (100 * r.digitalised) / r.assessed })),
              valueLabel: 'Services en ligne, niveau 2 ou plus (%)',
            })}
            summary={`Parmi les ${kinds} évalués, ${rated
              .map((r) => `${r.serviceName} : ${formatPercent(r.digitalised / r.assessed, 0)}`)
              .join(' ; ')}.`}
            table={<ServiceRatesTable view={view} />}
          />
        ) : (
          <ServiceRatesTable view={view} />
        )}
      </section>
      <section aria-labelledby="meilleurs">
        <h2 class="govuk-heading-l" id="meilleurs">
          Collectivités les plus avancées
        </h2>
        {view.performers.length === 0 ? (
          <p class="govuk-body">
            {frenchTypography(
              view.run
                ? `Aucune collectivité de ce type ne propose encore en ligne un service de cette thématique.`
                : 'Le classement apparaîtra une fois les indicateurs calculés.',
            )}
          </p>
        ) : (
          <DataTable
            caption={frenchTypography(`Les ${kinds} proposant en ligne le plus de services de la thématique`)}
            rows={view.performers}
            columns={[
              { header: 'Collectivité', cell: (p) => <a href={authorityPath(p)}>{p.name}</a> },
              {
                header: 'Services en ligne',
                numeric: true,
                cell: (p) => `${formatInteger(p.digitalised)} sur ${formatInteger(p.applicable)}`,
              },
              { header: 'De bout en bout', numeric: true, cell: (p) => formatInteger(p.endToEnd) },
            ]}
          />
        )}
      </section>
    </Layout>
  );
}

function ServiceRatesTable({ view }: { view: ThemeView }) {
  return (
    <DataTable
      caption={frenchTypography(
        `Services et taux de numérisation${view.kind ? ` des ${KIND_PLURALS[view.kind]} évalués` : ''}`,
      )}
      rows={
        view.rates.length > 0
          ? view.rates
          : view.theme.services.map((s) => ({
              serviceKey: s.key,
              serviceName: s.name,
              assessed: 0,
              digitalised: 0,
              endToEnd: 0,
            }))
      }
      columns={[
        { header: 'Service', cell: (r) => r.serviceName },
        { header: 'Évalués', numeric: true, cell: (r) => formatInteger(r.assessed) },
        {
          header: 'En ligne (niveau 2 ou plus)',
          numeric: true,
          cell: (r) =>
            r.assessed === 0
              ? '—'
              : `${formatInteger(r.digitalised)} (${formatPercent(r.digitalised / r.assessed, 0)})`,
        },
        {
          header: 'De bout en bout',
          numeric: true,
          cell: (r) =>
            r.assessed === 0
              ? '—'
              : `${formatInteger(r.endToEnd)} (${formatPercent(r.endToEnd / r.assessed, 0)})`,
        },
      ]}
    />
  );
}
