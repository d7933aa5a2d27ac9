import { createDetector, type PageDetector } from '../../src/detection/detect.ts';
import type { DetectionContext } from '../../src/detection/detection.types.ts';
import { extractPage } from '../../src/detection/html-extract.ts';
import type { PageContent } from '../../src/detection/page.ts';
import { pageFromText } from '../../src/detection/page-from-text.ts';
import type {
  CompetenceKind,
  Referential,
  ReferentialService,
} from '../../src/referential/referential.schema.ts';

/** A small referential for detection tests: a few services of each kind, written like the real one. */
export function testReferential(): Referential {
  const service = (
    key: string,
    name: string,
    theme: string,
    applies_to: CompetenceKind[],
    phrases: string[],
    url_hints: string[],
  ): ReferentialService => ({ key, name, theme, applies_to, description: name, phrases, url_hints });
  return {
    version: '2099.1',
    themes: [
      { key: 'citoyennete', name: 'Citoyenneté', description: 'x', applies_to: ['commune', 'epci'] },
      { key: 'enfance', name: 'Enfance', description: 'x', applies_to: ['commune', 'epci'] },
      { key: 'solidarites', name: 'Solidarités', description: 'x', applies_to: ['departement'] },
      { key: 'transports', name: 'Transports', description: 'x', applies_to: ['region', 'departement'] },
    ],
    services: [
      service(
        'acte-naissance',
        "Copie ou extrait d'acte de naissance",
        'citoyennete',
        ['commune'],
        ['acte de naissance', "extrait d'acte de naissance"],
        ['acte-de-naissance', 'naissance'],
      ),
      service(
        'livret-famille',
        'Livret de famille',
        'citoyennete',
        ['commune'],
        ['livret de famille', 'second livret de famille'],
        ['livret-de-famille'],
      ),
      service(
        'conseil-municipal-communautaire',
        'Séances et délibérations du conseil municipal ou communautaire',
        'citoyennete',
        ['commune', 'epci'],
        ['délibérations du conseil municipal', 'compte rendu du conseil municipal'],
        ['conseil-municipal', 'deliberations'],
      ),
      service(
        'paiement-factures',
        'Paiement des factures de la collectivité',
        'citoyennete',
        ['commune', 'epci'],
        ['PayFiP', 'payer vos factures'],
        ['payfip', 'paiement'],
      ),
      service(
        'restauration-scolaire',
        'Restauration scolaire',
        'enfance',
        ['commune', 'epci'],
        ['restauration scolaire', 'cantine scolaire', 'menus de la cantine'],
        ['restauration-scolaire', 'cantine'],
      ),
      service(
        'portail-famille',
        'Portail famille',
        'enfance',
        ['commune', 'epci'],
        ['portail famille', 'espace famille'],
        ['portail-famille'],
      ),
      service(
        'creche',
        'Demande de place en crèche',
        'enfance',
        ['commune', 'epci'],
        ['demande de place en crèche', 'multi-accueil'],
        ['creche'],
      ),
      service(
        'pmi-consultations',
        'Consultations de protection maternelle et infantile (PMI)',
        'solidarites',
        ['departement'],
        ['protection maternelle et infantile', 'consultations PMI'],
        ['pmi'],
      ),
      service(
        'rsa',
        'Revenu de solidarité active (RSA)',
        'solidarites',
        ['departement'],
        ['revenu de solidarité active', 'demande de RSA'],
        ['rsa'],
      ),
      service(
        'recrutement-departement',
        "Offres d'emploi et de stage au département",
        'solidarites',
        ['departement'],
        ['le département recrute', "offres d'emploi du département"],
        ['recrutement'],
      ),
      service(
        'transport-scolaire-region',
        'Transport scolaire',
        'transports',
        ['region'],
        ['transport scolaire', 'inscription au transport scolaire'],
        ['transport-scolaire'],
      ),
      service(
        'transport-scolaire-departement',
        'Transport scolaire organisé par le département',
        'transports',
        ['departement'],
        ['transport scolaire', 'carte de transport scolaire'],
        ['transport-scolaire'],
      ),
    ],
  };
}

export function testDetector(kinds?: CompetenceKind[]): PageDetector {
  return createDetector(testReferential(), kinds ? { kinds } : {});
}

/** A page from plain text: one line per block, the first short line read as the main heading. */
export function textPage(
  title: string,
  lines: string[],
  url = 'https://www.ville-test.fr/page',
): PageContent {
  return pageFromText(url, title, lines.join('\n'));
}

export function htmlPage(body: string, url = 'https://www.ville-test.fr/page', title = 'Page'): PageContent {
  return extractPage(
    url,
    `<html lang="fr"><head><title>${title}</title></head><body><main>${body}</main></body></html>`,
  );
}

/** The context a detector receives for a page, with the test referential. */
export function contextOf(page: PageContent, kinds?: CompetenceKind[]): DetectionContext {
  return testDetector(kinds).signalsOf(page).context;
}
