import type { AccessibilityStatus, FarmKind } from './farm.types.ts';
import type { Rng } from './random.ts';
import type { SessionStyle } from './routes.ts';
import { SECURITY_HEADER_SETS, TRACKER_WEIGHTS, type TrackerKey } from './trackers.ts';

/**
 * Everything about a site that is not its services: hosts, CMS look, portal qualities and the
 * traps it sets. Drawn once per site from its own random stream.
 */

/** The CMS families of French local government sites; each has its own URL shapes. */
export type CmsStyle = 'drupal' | 'wordpress' | 'jcms' | 'legacy';

/** How a site names itself: "le Département", "du Département"… */
export interface AuthorityWords {
  the: string;
  of: string;
  to: string;
  building: string;
}

export interface SiteVocabulary {
  demarches: string;
  news: string;
  agenda: string;
  jobs: string;
  minutes: string;
  quickLinks: string;
}

export interface SiteProfile {
  index: number;
  code: string;
  name: string;
  kind: FarmKind;
  maturity: number;
  /** Short label used in platform paths ("cd01", "ville-sainte-marie"). */
  slug: string;
  scheme: 'https' | 'http';
  mainHost: string;
  /** The other of apex / www, redirecting (301) to the main host. */
  aliasHost?: string;
  /** Second host with the authority's own e-services (demarches.<domain>…). */
  eservicesHost?: string;
  /** Second host with an old section of the site, in ISO-8859-1 (www2.<domain>). */
  legacyHost?: string;
  homePath: string;
  style: CmsStyle;
  words: AuthorityWords;
  vocabulary: SiteVocabulary;
  charset: 'utf-8' | 'iso-8859-1';
  /** Where a Latin-1 site declares its charset. */
  charsetIn: 'header' | 'meta' | 'both';
  httpRedirectsToHttps: boolean;
  accessibility: AccessibilityStatus;
  conformityRate?: number;
  legalNotice: boolean;
  contact: boolean;
  search: boolean;
  viewport: boolean;
  trackers: TrackerKey[];
  trackerId: string;
  selfHostedMatomo: boolean;
  securityHeaders: readonly string[];
  session: SessionStyle | null;
  robots: { present: boolean; disallowPrivate: boolean; crawlDelay: number | null; declareSitemap: boolean };
  sitemap: 'none' | 'flat' | 'index';
  softNotFound: boolean;
  redirectLoop: boolean;
  calendar: 'query' | 'path';
  infinite: 'pagination' | 'growing-query';
}

export interface ProfileInput {
  index: number;
  code: string;
  name: string;
  kind: FarmKind;
  maturity: number;
  /** Domain without "www." ("departement-01.test", "ain.fr"). */
  domain: string;
  /** From a real URL: its host, path and scheme are kept. */
  realHome?: { host: string; pathAndQuery: string; scheme: 'https' | 'http' };
  allowHttps: boolean;
  /** Set on exactly one site of the farm each. */
  redirectLoop: boolean;
  crawlDelay: boolean;
}

const WORDS: Record<FarmKind, readonly AuthorityWords[]> = {
  departement: [
    { the: 'le Département', of: 'du Département', to: 'au Département', building: 'Hôtel du Département' },
    {
      the: 'le Conseil départemental',
      of: 'du Conseil départemental',
      to: 'au Conseil départemental',
      building: 'Hôtel du Département',
    },
  ],
  commune: [
    { the: 'la Ville', of: 'de la Ville', to: 'à la Ville', building: 'Hôtel de Ville' },
    { the: 'la mairie', of: 'de la mairie', to: 'à la mairie', building: 'Mairie' },
  ],
  epci: [
    {
      the: 'la Communauté de communes',
      of: 'de la Communauté de communes',
      to: 'à la Communauté de communes',
      building: 'Siège communautaire',
    },
    {
      the: 'l’Agglomération',
      of: 'de l’Agglomération',
      to: 'à l’Agglomération',
      building: 'Hôtel d’Agglomération',
    },
  ],
  region: [
    { the: 'la Région', of: 'de la Région', to: 'à la Région', building: 'Hôtel de Région' },
    {
      the: 'le Conseil régional',
      of: 'du Conseil régional',
      to: 'au Conseil régional',
      building: 'Hôtel de Région',
    },
  ],
};

const VOCABULARY = {
  demarches: ['Vos démarches', 'Services en ligne', 'Au quotidien', 'Mes démarches', 'Guichet des services'],
  news: ['Actualités', 'Toute l’actualité', 'Les actus', 'À la une'],
  agenda: ['Agenda', 'Sortir', 'Événements', 'Agenda des manifestations'],
  jobs: ['Offres d’emploi', 'Recrutement', 'Nous rejoindre', 'Emplois et stages'],
  minutes: ['Délibérations', 'Séances publiques', 'Actes administratifs', 'Comptes rendus des séances'],
  quickLinks: ['Accès rapides', 'En un clic', 'Vos services', 'Le plus demandé'],
} as const;

const HOME_PATHS: Record<CmsStyle, readonly string[]> = {
  drupal: ['/', '/', '/accueil'],
  wordpress: ['/', '/', '/accueil/'],
  jcms: ['/jcms/accueil', '/fr/accueil'],
  legacy: ['/', '/index.php', '/fr/accueil.html'],
};

const ESERVICE_PREFIXES = ['demarches', 'mesdemarches', 'teleservices', 'eservices', 'services'];

export function drawSiteProfile(rng: Rng, input: ProfileInput): SiteProfile {
  const { maturity } = input;
  const style = rng.weighted<CmsStyle>([
    ['drupal', 35],
    ['wordpress', 25],
    ['jcms', 15],
    ['legacy', 25],
  ]);
  const wwwMain = input.realHome ? input.realHome.host.startsWith('www.') : rng.chance(0.85);
  const mainHost = input.realHome?.host ?? (wwwMain ? `www.${input.domain}` : input.domain);
  const otherHost = wwwMain ? input.domain : `www.${input.domain}`;
  const aliasHost = otherHost !== mainHost && rng.chance(0.5) ? otherHost : undefined;
  const eservicesHost = rng.chance(0.15 + 0.45 * maturity)
    ? `${rng.pick(ESERVICE_PREFIXES)}.${input.domain}`
    : undefined;
  const legacyHost =
    style === 'legacy' || rng.chance(0.08)
      ? rng.chance(0.6)
        ? `www2.${input.domain}`
        : undefined
      : undefined;

  const scheme = !input.allowHttps
    ? 'http'
    : (input.realHome?.scheme ?? (rng.chance(0.92) ? 'https' : 'http'));
  const latin1 = rng.chance(style === 'legacy' ? 0.3 : 0.05);
  const accessibility = rng.weighted<AccessibilityStatus>([
    ['absente', 0.2 - 0.1 * maturity],
    ['non', 0.35 - 0.15 * maturity],
    ['partiellement', 0.38 + 0.15 * maturity],
    ['totalement', 0.04 + 0.1 * maturity],
  ]);
  const trackers: TrackerKey[] = [];
  if (rng.chance(0.7)) {
    const count = rng.weighted([
      [1, 45],
      [2, 30],
      [3, 17],
      [4, 8],
    ]);
    while (trackers.length < count) {
      const key = rng.weighted(TRACKER_WEIGHTS);
      if (!trackers.includes(key)) trackers.push(key);
    }
    trackers.sort();
  }
  const securityHeaders = rng
    .weighted(SECURITY_HEADER_SETS)
    .filter((name) => scheme === 'https' || name !== 'strict-transport-security');
  const robotsPresent = rng.chance(0.85) || input.crawlDelay;

  return {
    index: input.index,
    code: input.code,
    name: input.name,
    kind: input.kind,
    maturity,
    slug: siteSlug(input.kind, input.code, input.domain),
    scheme,
    mainHost,
    ...(aliasHost === undefined ? {} : { aliasHost }),
    ...(eservicesHost === undefined ? {} : { eservicesHost }),
    ...(legacyHost === undefined ? {} : { legacyHost }),
    homePath: input.realHome?.pathAndQuery ?? rng.pick(HOME_PATHS[style]),
    style,
    words: rng.pick(WORDS[input.kind]),
    vocabulary: {
      demarches: rng.pick(VOCABULARY.demarches),
      news: rng.pick(VOCABULARY.news),
      agenda: rng.pick(VOCABULARY.agenda),
      jobs: rng.pick(VOCABULARY.jobs),
      minutes: rng.pick(VOCABULARY.minutes),
      quickLinks: rng.pick(VOCABULARY.quickLinks),
    },
    charset: latin1 ? 'iso-8859-1' : 'utf-8',
    charsetIn: rng.weighted([
      ['both', 4],
      ['meta', 4],
      ['header', 2],
    ]),
    httpRedirectsToHttps: scheme === 'https' && rng.chance(0.8),
    accessibility,
    ...conformity(rng, accessibility),
    legalNotice: rng.chance(0.93),
    contact: rng.chance(0.95),
    search: rng.chance(0.88),
    viewport: rng.chance(style === 'legacy' ? 0.6 : 0.95),
    trackers,
    trackerId: rng.hex(8).toUpperCase(),
    selfHostedMatomo: rng.chance(0.2),
    securityHeaders,
    session:
      style === 'jcms' && rng.chance(0.5)
        ? 'jsessionid'
        : style === 'legacy' && rng.chance(0.35)
          ? 'phpsessid'
          : null,
    robots: {
      present: robotsPresent,
      disallowPrivate: robotsPresent && rng.chance(0.6),
      crawlDelay: input.crawlDelay ? 1 : null,
      declareSitemap: rng.chance(0.7),
    },
    sitemap: rng.weighted([
      ['none', 25],
      ['flat', 55],
      ['index', 20],
    ]),
    softNotFound: rng.chance(0.05),
    redirectLoop: input.redirectLoop,
    calendar: rng.chance(0.6) ? 'query' : 'path',
    infinite: rng.chance(0.5) ? 'pagination' : 'growing-query',
  };
}

function conformity(rng: Rng, status: AccessibilityStatus): { conformityRate?: number } {
  switch (status) {
    case 'totalement':
      return { conformityRate: 100 };
    case 'partiellement': {
      const rate = rng.int(50, 99);
      // Some statements give one decimal ("74,3 %"); integer tenths keep the value exact.
      return { conformityRate: rng.chance(0.2) ? (rate * 10 - 10 + rng.int(1, 9)) / 10 : rate };
    }
    case 'non':
      return rng.chance(0.5) ? { conformityRate: rng.int(12, 49) } : {};
    case 'absente':
      return {};
  }
}

function siteSlug(kind: FarmKind, code: string, domain: string): string {
  if (kind === 'departement') return `cd${code.toLowerCase()}`;
  return (domain.split('.')[0] ?? code).toLowerCase();
}
