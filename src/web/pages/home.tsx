import type { DepartementCount } from '../../assessments/end-to-end-by-departement.query.ts';
import type { EditionRow } from '../../db/schema.ts';
import type { ReportFile } from '../../reports/report/report-files.ts';
import { formatDate, formatInteger, frenchTypography, plural } from '../../shared/french-typography.ts';
import { DataTable } from '../components/data-table.tsx';
import { DepartementMapSection } from '../components/departement-map.tsx';
import { ReportLinks } from '../components/report-links.tsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';
import type { MapValue } from '../map/france-map.ts';
import { integerScale } from '../map/map-scale.ts';
import { authorityPath } from '../routes/kind-slugs.ts';
import { DepartementsHistogram, LevelsChart } from './home-charts.tsx';
import { Findings, type HomeIndicators, IndexMap, KeyFigures, ThemesChart } from './home-indicators.tsx';
import { SearchForm } from './search-form.tsx';

export interface DepartementRow extends DepartementCount {
  name: string;
}

export interface HomeView {
  edition: EditionRow | undefined;
  simulated: boolean;
  departements: DepartementRow[];
  levels: { level: number; count: number }[];
  /** The edition's report, in the formats generated. */
  reports: ReportFile[];
  /** Stored indicators of the edition; undefined until computed (the raw counts stand in). */
  indicators?: HomeIndicators | undefined;
}

export function HomePage({ chrome, view }: { chrome: PageChrome; view: HomeView }) {
  const { edition } = view;
  return (
    <Layout chrome={chrome} title="Accueil">
      <h1 class="govuk-heading-xl">Les services publics numériques des collectivités</h1>
      <p class="govuk-body-l">
        {frenchTypography(
          'Baromètre examine les sites des collectivités françaises : quelles démarches peut-on y faire en ligne, et jusqu’où ?',
        )}
      </p>
      <EditionBanner edition={edition} simulated={view.simulated} />
      <SearchForm />
      {view.indicators ? <KeyFigures indicators={view.indicators} /> : null}
      {view.indicators ? <Findings findings={view.indicators.findings} /> : null}
      {view.indicators && view.indicators.departements.length > 0 ? (
        <IndexMap
          indicators={view.indicators}
          names={view.departements.map((d) => ({ code: d.departementCode, name: d.name }))}
        />
      ) : edition ? (
        <EndToEndMap view={view} />
      ) : null}
      {view.indicators ? <ThemesChart indicators={view.indicators} /> : null}
      {edition ? <ReportLinks year={edition.year} files={view.reports} /> : null}
      {edition && view.levels.some((l) => l.count > 0) ? (
        <section aria-labelledby="niveaux-titre">
          <h2 class="govuk-heading-l" id="niveaux-titre">
            Les évaluations en chiffres
          </h2>
          <p class="govuk-body">
            {frenchTypography(
              'Décomptes bruts des évaluations courantes de l’édition ; l’indice et les classements s’appuieront sur les services applicables à chaque collectivité et sur leur poids.',
            )}
          </p>
          <LevelsChart levels={view.levels} />
          <DepartementsHistogram departements={view.departements} />
        </section>
      ) : null}
    </Layout>
  );
}

export function EditionBanner({
  edition,
  simulated,
}: {
  edition: EditionRow | undefined;
  simulated: boolean;
}) {
  if (!edition) {
    return (
      <div class="govuk-inset-text">
        Aucune édition n’a encore été créée : les évaluations apparaîtront ici.
      </div>
    );
  }
  const status =
    edition.status === 'published' && edition.published_at
      ? `publiée le ${formatDate(edition.published_at)}`
      : 'en préparation : les résultats sont provisoires et peuvent changer';
  return (
    <div class={`bm-edition${simulated ? ' bm-simulated' : ''}`}>
      <p class="govuk-body govuk-!-margin-bottom-1">
        <strong>{edition.title}</strong> — {frenchTypography(`édition ${edition.year}, ${status}.`)}
      </p>
      {simulated ? (
        <p class="govuk-body govuk-!-margin-bottom-0">
          <strong>Données simulées.</strong>{' '}
          {frenchTypography(
            'Ces évaluations proviennent de sites fictifs servis en local pour la démonstration : elles ne décrivent aucune collectivité réelle.',
          )}
        </p>
      ) : null}
    </div>
  );
}

function EndToEndMap({ view }: { view: HomeView }) {
  const assessed = view.departements.filter((d) => d.assessed > 0);
  const total = assessed.reduce((sum, d) => sum + d.endToEnd, 0);
  const values: MapValue[] = view.departements.map((d) => ({
    code: d.departementCode,
    name: d.name,
    value: d.assessed > 0 ? d.endToEnd : null,
    valueText: d.assessed > 0 ? `${plural(d.endToEnd, 'démarche')} de bout en bout` : 'pas encore évalué',
  }));
  const title = 'Démarches de bout en bout par département';
  const summary = frenchTypography(
    `${plural(assessed.length, 'département')} sur ${formatInteger(view.departements.length)} ${assessed.length > 1 ? 'ont' : 'a'} des évaluations ; ` +
      `${plural(total, 'démarche')} y ${total > 1 ? 'sont faisables' : 'est faisable'} de bout en bout (niveau 4). ` +
      'Ce décompte brut n’est pas l’indice du Baromètre : il ne tient compte ni du nombre de services applicables ni de leur poids.',
  );
  const map = {
    id: 'carte-bout-en-bout',
    title,
    description: summary,
    values,
    scale: integerScale(values.map((v) => v.value)),
    legendTitle: 'Nombre de démarches de bout en bout (évaluations en cours)',
  };
  return (
    <DepartementMapSection
      map={map}
      source="Source : évaluations courantes de l’édition (robot et analystes)."
      table={
        <DataTable
          caption="Démarches de bout en bout par département"
          captionClass="govuk-table__caption--s"
          rows={view.departements}
          columns={[
            {
              header: 'Département',
              cell: (d) => (
                <a href={authorityPath({ kind: 'departement', code: d.departementCode })}>{d.name}</a>
              ),
            },
            { header: 'Code', cell: (d) => d.departementCode },
            {
              header: 'Démarches de bout en bout',
              numeric: true,
              cell: (d) => (d.assessed > 0 ? formatInteger(d.endToEnd) : 'non évalué'),
            },
            { header: 'Services évalués', numeric: true, cell: (d) => formatInteger(d.assessed) },
          ]}
        />
      }
    />
  );
}
