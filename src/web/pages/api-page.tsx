import { frenchTypography } from '../../shared/french-typography.ts';
import { DataTable } from '../components/data-table.tsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';

const ENDPOINTS = [
  { path: '/api/v1/editions', role: 'Éditions, la plus récente d’abord' },
  {
    path: '/api/v1/territories?kind=departement&page=1&per_page=50',
    role: 'Collectivités, filtrées (type, région, département) et paginées',
  },
  {
    path: '/api/v1/territories/departement/01',
    role: 'Une collectivité : identité, population, recettes, site internet',
  },
  {
    path: '/api/v1/territories/departement/01/assessments',
    role: 'Évaluations courantes de ses services, avec la preuve de chacune',
  },
  { path: '/api/v1/search?q=01000', role: 'Recherche par nom, code INSEE, SIREN ou code postal' },
  {
    path: '/api/v1/openapi.json',
    role: 'Description OpenAPI 3.1 de l’API, générée depuis ses schémas de validation',
  },
];

export function ApiPage({ chrome }: { chrome: PageChrome }) {
  return (
    <Layout chrome={chrome} title="API et données" breadcrumbs={[{ href: '/', label: 'Accueil' }]}>
      <h1 class="govuk-heading-xl">API et données ouvertes</h1>
      <p class="govuk-body">
        {frenchTypography(
          'Les données de Baromètre sont accessibles en JSON, sans inscription : lecture seule, CORS ouvert, pages de 500 éléments au plus. Un paramètre invalide reçoit une réponse 400 qui nomme le champ en cause.',
        )}
      </p>
      <DataTable
        caption="Points d’accès de l’API (version 1)"
        rows={ENDPOINTS}
        columns={[
          {
            header: 'Adresse',
            cell: (e) => (
              <a class="govuk-link" href={e.path}>
                <code>{e.path}</code>
              </a>
            ),
          },
          { header: 'Contenu', cell: (e) => frenchTypography(e.role) },
        ]}
      />
    </Layout>
  );
}
