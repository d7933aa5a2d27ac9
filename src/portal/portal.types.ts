import type { CrawledPage } from '../crawl/crawl.types.ts';
import type { PageContent } from '../detection/page.ts';
import type { TrackerCatalogue } from './trackers.catalogue.ts';

/**
 * Portal checks: the quality of an authority's website as a whole (HTTPS, speed, accessibility
 * statement, trackers…), as opposed to detection, which looks for individual online services.
 */

export const PORTAL_CHECK_KEYS = [
  'https',
  'https_redirect',
  'response_time',
  'page_weight',
  'mobile_viewport',
  'accessibility_statement',
  'legal_notice',
  'contact_page',
  'site_search',
  'trackers',
  'broken_links',
  'security_headers',
] as const;
export type PortalCheckKey = (typeof PORTAL_CHECK_KEYS)[number];

/** Shown to users: one French label per check, defined once. */
export const PORTAL_CHECK_LABELS: Readonly<Record<PortalCheckKey, string>> = {
  https: 'Connexion sécurisée (HTTPS)',
  https_redirect: 'Redirection de HTTP vers HTTPS',
  response_time: 'Temps de réponse',
  page_weight: 'Poids des pages',
  mobile_viewport: 'Affichage adapté aux mobiles',
  accessibility_statement: 'Déclaration d’accessibilité',
  legal_notice: 'Mentions légales',
  contact_page: 'Page de contact',
  site_search: 'Moteur de recherche',
  trackers: 'Traceurs tiers',
  broken_links: 'Liens cassés',
  security_headers: 'En-têtes de sécurité',
};

export const PORTAL_CHECK_OUTCOMES = ['pass', 'warn', 'fail', 'unknown'] as const;
/** `unknown`: the check could not be made (nothing to measure, not probed, internal error). */
export type PortalCheckOutcome = (typeof PORTAL_CHECK_OUTCOMES)[number];

export interface PortalEvidence {
  url: string;
  /** Short French note: what was seen at this URL. */
  note: string;
}

/** What a check concludes, before the runner adds its key and label. */
export interface PortalCheckVerdict {
  outcome: PortalCheckOutcome;
  /** The headline figure: median ms, bytes, ratio 0–1, score, declared state, URL… */
  value: number | string | null;
  /** One French sentence, e.g. « Déclaration d’accessibilité : partiellement conforme (62 %) ». */
  summary: string;
  details: Record<string, unknown>;
  evidence: PortalEvidence[];
}

export interface PortalCheckResult extends PortalCheckVerdict {
  key: PortalCheckKey;
  label: string;
}

/** The slice of a parsed page that portal checks read. */
export type PortalPageContent = Pick<
  PageContent,
  'title' | 'headings' | 'text' | 'links' | 'forms' | 'resources' | 'hasResponsiveViewport'
>;

/** The slice of a crawled page that portal checks read; a `CrawledPage` is one. */
export type PortalPage = Pick<
  CrawledPage,
  'url' | 'finalUrl' | 'redirectChain' | 'depth' | 'status' | 'httpStatus' | 'headers' | 'bytes' | 'elapsedMs'
> & { content: PortalPageContent | null };

/** Result of requesting the http:// version of the home page without following redirects. */
export interface HttpProbe {
  url: string;
  /** Location of the redirect answered, null when the server answered without redirecting. */
  redirectsTo: string | null;
}

/** The site being checked, derived once from its home URL. */
export interface PortalSite {
  /** Home URL as given by the pipeline. */
  homeUrl: string;
  /** Comparison key of the home URL (see `urlKey`). */
  homeKey: string;
  homeHost: string;
  /** Home host without a leading "www.": pages and resources on it or its subdomains are first-party. */
  siteDomain: string;
}

export interface PortalCheckContext {
  site: PortalSite;
  /** Loaded on first call, so that an unreadable catalogue only makes the trackers check unknown. */
  trackers: () => TrackerCatalogue;
}

/** What is known once every page has been added. */
export interface PortalCheckFinal {
  httpProbe: HttpProbe | undefined;
}

/**
 * One check over one site: `add` is called once per crawled page, in any order, and keeps only
 * the small facts the check needs; `finish` may be called several times and must not mutate.
 */
export interface PortalCheckRun {
  add(page: PortalPage): void;
  finish(final: PortalCheckFinal): PortalCheckVerdict;
}

export interface PortalCheck {
  key: PortalCheckKey;
  start(context: PortalCheckContext): PortalCheckRun;
}
