import type { FarmResponse, HostRoutes } from './routes.ts';
import { escapeHtml } from './text.ts';

/**
 * E-service platforms the sites link to. They are served under their real host names (the
 * crawler recognises platforms by host), with pages saying what the procedure does there.
 */

export const FARM_PLATFORMS = {
  'demarches-simplifiees': { host: 'www.demarches-simplifiees.fr', name: 'demarches-simplifiees.fr' },
  /** An online form service: it sends the answers to the authority, nothing more (level 3). */
  framaforms: { host: 'framaforms.org', name: 'Framaforms' },
  payfip: { host: 'www.payfip.gouv.fr', name: 'PayFiP' },
  'service-public': { host: 'www.service-public.fr', name: 'Service-Public.fr' },
  'mon-service-public': { host: 'mon.service-public.fr', name: 'Mon service public' },
  franceconnect: { host: 'franceconnect.gouv.fr', name: 'FranceConnect' },
  caf: { host: 'www.caf.fr', name: 'caf.fr' },
  ants: { host: 'ants.gouv.fr', name: 'ANTS' },
  maprocuration: { host: 'www.maprocuration.gouv.fr', name: 'Ma procuration' },
  'logement-social': { host: 'www.demande-logement-social.gouv.fr', name: 'Demande de logement social' },
  antai: { host: 'www.antai.gouv.fr', name: 'ANTAI' },
  impots: { host: 'www.impots.gouv.fr', name: 'impots.gouv.fr' },
  viatrajectoire: { host: 'trajectoire.sante-ra.fr', name: 'ViaTrajectoire' },
  'mdph-en-ligne': { host: 'mdphenligne.cnsa.fr', name: 'MDPH en ligne' },
  'ter-sncf': { host: 'www.ter.sncf.com', name: 'TER SNCF' },
  rdv360: { host: 'www.rdv360.com', name: 'RDV360' },
  clicrdv: { host: 'www.clicrdv.com', name: 'ClicRDV' },
} as const;

export type PlatformKey = keyof typeof FARM_PLATFORMS;

export interface ThirdPartyOperator {
  /** Ground-truth name of the operator. */
  operator: string;
  /** French name used on pages ("la CAF"). */
  label: string;
  /**
   * Whom a page without a link sends users to, when the label names an online platform: a
   * page saying "adressez-vous à MDPH en ligne" offers the démarche online (level 4), not
   * information only. Default: the label.
   */
  office?: string;
  platform: PlatformKey;
  path: string;
  /** What the user gets there. */
  level: 3 | 4;
  /** The procedure, with its article: « la demande de RSA ». */
  procedure: string;
}

const caf = { operator: 'caf', label: 'la Caisse d’allocations familiales (CAF)', platform: 'caf' } as const;
const mdph = {
  operator: 'mdph',
  label: 'la MDPH, via MDPH en ligne',
  office: 'la Maison départementale des personnes handicapées (MDPH)',
  platform: 'mdph-en-ligne',
} as const;
const msp = {
  operator: 'service-public',
  label: 'Service-Public.fr',
  platform: 'mon-service-public',
} as const;
const ter = { operator: 'sncf', label: 'SNCF Voyageurs (TER)', platform: 'ter-sncf' } as const;

/** Services that some sites leave to another operator, with where that operator offers them. */
export const THIRD_PARTY_OPERATORS: Readonly<Record<string, ThirdPartyOperator>> = {
  rsa: {
    ...caf,
    path: '/allocataires/aides-et-demarches/rsa/demande',
    level: 4,
    procedure: 'la demande de RSA',
  },
  'mdph-demande': { ...mdph, path: '/demande', level: 4, procedure: 'la demande auprès de la MDPH' },
  pch: { ...mdph, path: '/demande/pch', level: 4, procedure: 'la demande de PCH' },
  'carte-mobilite-inclusion': {
    ...mdph,
    path: '/demande/cmi',
    level: 4,
    procedure: 'la demande de carte mobilité inclusion',
  },
  'admission-ehpad': {
    operator: 'viatrajectoire',
    label: 'ViaTrajectoire',
    office: 'l’établissement d’accueil de votre choix',
    platform: 'viatrajectoire',
    path: '/vtdomaines/grand-age',
    level: 4,
    procedure: 'le dossier unique d’admission en EHPAD',
  },
  'cni-passeport': {
    operator: 'ants',
    label: 'l’Agence nationale des titres sécurisés (ANTS)',
    platform: 'ants',
    path: '/realiser-une-pre-demande',
    level: 3,
    procedure: 'la pré-demande de carte d’identité ou de passeport',
  },
  'listes-electorales': {
    ...msp,
    path: '/inscription-listes-electorales',
    level: 4,
    procedure: 'l’inscription sur les listes électorales',
  },
  'recensement-citoyen': {
    ...msp,
    path: '/recensement-citoyen',
    level: 4,
    procedure: 'le recensement citoyen',
  },
  'acte-naissance': {
    ...msp,
    path: '/acte-de-naissance',
    level: 4,
    procedure: 'la demande d’acte de naissance',
  },
  procuration: {
    operator: 'ministere-interieur',
    label: 'le site Ma procuration',
    platform: 'maprocuration',
    path: '/',
    level: 3,
    procedure: 'la demande de procuration',
  },
  'logement-social': {
    operator: 'snel',
    label: 'le portail national de la demande de logement social',
    platform: 'logement-social',
    path: '/demande',
    level: 4,
    procedure: 'la demande de logement social',
  },
  'forfait-post-stationnement': {
    operator: 'antai',
    label: 'l’ANTAI',
    platform: 'antai',
    path: '/paiement-fps',
    level: 4,
    procedure: 'le paiement du forfait post-stationnement',
  },
  'redevance-ordures': {
    operator: 'dgfip',
    label: 'la DGFiP (impots.gouv.fr)',
    platform: 'impots',
    path: '/particulier/payer-ma-taxe-d-enlevement-des-ordures-menageres',
    level: 4,
    procedure: 'le paiement de la taxe d’enlèvement des ordures ménagères',
  },
  'abonnements-ter': { ...ter, path: '/abonnements', level: 4, procedure: 'la souscription d’un abonnement' },
  'indemnisation-retards-ter': {
    ...ter,
    path: '/garantie-retard',
    level: 3,
    procedure: 'la demande d’indemnisation',
  },
};

const BANNER = '<div class="farm-banner" role="note">Site simulé — données fictives</div>';

/** Pages of the platforms, shared by every site of the farm. */
export class PlatformPages {
  private readonly pages = new Map<string, Map<string, FarmResponse>>();

  /** Platforms are https, unless the whole farm is http-only. */
  constructor(readonly scheme: 'https' | 'http' = 'https') {}

  url(platform: PlatformKey, pathAndQuery: string): string {
    return `${this.scheme}://${FARM_PLATFORMS[platform].host}${pathAndQuery}`;
  }

  /** Adds a page (first one wins for a URL: shared pages are identical) and returns its absolute URL. */
  add(platform: PlatformKey, pathAndQuery: string, title: string, main: string): string {
    const { host, name } = FARM_PLATFORMS[platform];
    let pages = this.pages.get(host);
    if (pages === undefined) {
      pages = new Map();
      this.pages.set(host, pages);
    }
    if (!pages.has(pathAndQuery)) {
      const html =
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">' +
        '<meta name="viewport" content="width=device-width, initial-scale=1">' +
        `<title>${escapeHtml(title)} - ${escapeHtml(name)}</title></head><body>${BANNER}` +
        `<header><a href="/">${escapeHtml(name)}</a></header><main>${main}</main>` +
        `<footer><a href="/mentions-legales">Mentions légales</a> · <a href="/accessibilite">Accessibilité</a></footer>` +
        '</body></html>';
      pages.set(pathAndQuery, {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: [Buffer.from(html, 'utf8')],
      });
    }
    return this.url(platform, pathAndQuery);
  }

  /** The platform hosts as routes: https, http redirected, no session ids, HSTS. */
  routes(): HostRoutes[] {
    for (const key of Object.keys(FARM_PLATFORMS) as PlatformKey[]) {
      const { host, name } = FARM_PLATFORMS[key];
      if (!this.pages.has(host)) continue;
      this.add(key, '/', name, `<h1>${escapeHtml(name)}</h1><p>Service en ligne de l’administration.</p>`);
      this.add(key, '/mentions-legales', 'Mentions légales', '<h1>Mentions légales</h1>');
      this.add(key, '/accessibilite', 'Accessibilité', '<h1>Accessibilité : partiellement conforme</h1>');
    }
    const robots: FarmResponse = {
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: [Buffer.from('User-agent: *\nAllow: /\n')],
    };
    return [...this.pages.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([host, pages]) => ({
        host,
        siteCode: null,
        https: this.scheme === 'https',
        http: this.scheme === 'https' ? ('redirect-https' as const) : ('serve' as const),
        responses: new Map([['/robots.txt', robots], ...pages]),
        notFound: {
          status: 404,
          headers: { 'content-type': 'text/html; charset=utf-8' },
          body: [
            Buffer.from(
              `<!DOCTYPE html><html lang="fr"><body>${BANNER}<h1>Page non trouvée</h1></body></html>`,
            ),
          ],
        },
        session: null,
        securityHeaders: {
          'strict-transport-security': 'max-age=63072000',
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
        },
      }));
  }
}

/** Text of an operator's page for a procedure it handles itself. */
export function operatorPageMain(
  operator: ThirdPartyOperator,
  procedureTitle: string,
  franceConnectUrl: string,
): string {
  const followUp =
    operator.level === 4
      ? '<p>Connectez-vous à votre espace personnel ou avec FranceConnect, déposez votre demande, puis suivez son avancement en ligne : la décision vous est notifiée dans votre espace.</p>' +
        `<p><a href="${franceConnectUrl}">S’identifier avec FranceConnect</a></p>` +
        '<form method="post" action="/connexion"><label for="id">Identifiant</label><input id="id" name="identifiant" type="text">' +
        '<label for="pw">Mot de passe</label><input id="pw" name="motdepasse" type="password"><button type="submit">Se connecter</button></form>'
      : '<p>Remplissez votre demande en ligne. Vous devrez ensuite vous présenter en personne pour finaliser la démarche ; la suite de la procédure ne se fait pas sur ce site.</p>' +
        '<form method="post" action="/demande"><label for="nom">Nom</label><input id="nom" name="nom" type="text">' +
        '<label for="prenom">Prénom</label><input id="prenom" name="prenom" type="text"><button type="submit">Commencer ma demande</button></form>';
  return `<h1>${escapeHtml(procedureTitle)}</h1><p>Ce service en ligne est proposé par ${escapeHtml(operator.label)} pour ${escapeHtml(operator.procedure)}.</p>${followUp}`;
}
