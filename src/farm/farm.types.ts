import type { CompetenceKind, Referential } from '../referential/referential.schema.ts';
import type { FarmRoutes } from './routes.ts';

/** The kind of authority a farm site simulates: the competence level whose services it offers. */
export type FarmKind = CompetenceKind;

export interface SiteSpec {
  code: string;
  name: string;
  kind?: FarmKind;
  /** Home page URL; its host becomes the site's main host. Default: a fictional host under `.test`. */
  homeUrl?: string;
  /** 0 (poor) to 1 (rich in end-to-end services). Default: drawn from the farm's skewed distribution. */
  maturity?: number;
}

export interface GenerateFarmOptions {
  seed: number;
  /** Explicit sites, or how many to make (départements take the real codes and names first). */
  sites: readonly SiteSpec[] | number;
  referential: Referential;
  /** Target number of documents per site (default 150); service and structural pages always exist. */
  pagesPerSite?: number;
  /** Default kind of the sites (default `departement`). */
  kind?: FarmKind;
  /** Serve each département at the host of its real website (data/territories/departements-websites.csv). */
  useRealHosts?: boolean;
  /** Sites may be served over https (default true); false makes every site http-only. */
  https?: boolean;
  /**
   * One site asks for `Crawl-delay: 1` (default true), which a polite crawler honours: that site
   * alone then takes a second per page. Tests that are not about politeness turn it off.
   */
  crawlDelaySite?: boolean;
}

export type DigitalisedLevel = 1 | 2 | 3 | 4;

/** How the site reaches the level; lets a failing detector test say what it missed. */
export type ServiceChannel =
  | 'information'
  | 'pdf-form'
  | 'booking'
  | 'email'
  | 'onsite-form'
  | 'platform-form'
  | 'eservices-form'
  | 'account-followup'
  | 'platform-followup'
  | 'payment'
  | 'third-party';

export interface ServiceTruth {
  serviceKey: string;
  /** Level 0 services are not listed: every applicable service missing here is absent. */
  level: DigitalisedLevel;
  /** The authority's page for the service (it may redirect to a third party). */
  url: string;
  channel: ServiceChannel;
  /** Operator handling the démarche instead of the authority (`caf`, `ants`, `dgfip`…). */
  thirdParty?: string;
  /** Where the remote part happens when not on `url`: platform, e-services host, PDF, booking… */
  platformUrl?: string;
}

export type AccessibilityStatus = 'totalement' | 'partiellement' | 'non' | 'absente';

export interface PortalTruth {
  https: boolean;
  httpRedirectsToHttps: boolean;
  accessibility: AccessibilityStatus;
  /** Percentage announced by the statement (may have one decimal); absent when none is announced. */
  conformityRate?: number;
  accessibilityUrl?: string;
  legalNotice: boolean;
  legalNoticeUrl?: string;
  contact: boolean;
  contactUrl?: string;
  search: boolean;
  viewport: boolean;
  /** Third-party scripts: keys of FARM_TRACKERS (`google-analytics`, `hotjar`…). */
  trackers: string[];
  /** Audience measurement served from the site's own host (`matomo`). */
  selfHostedAnalytics: string[];
  /** Lowercase header names sent on the site's pages (HSTS over https only). */
  securityHeaders: string[];
  charset: 'utf-8' | 'iso-8859-1';
}

export interface RedirectTruth {
  from: string;
  to: string;
  hops: number;
}

export interface TrapTruth {
  /** Entry of the endless calendar (next/previous month links). */
  calendar: string;
  /** Entry of the endless query-string trap (pagination or growing filters). */
  infiniteQuery: string;
  sessionIds: 'jsessionid' | 'phpsessid' | null;
  redirectChains: RedirectTruth[];
  /** URLs of a redirect loop (one site of the farm has one). */
  redirectLoop: string[] | null;
  /** Pages answering after `slowMs`, and after `verySlowMs`, on top of the farm latency. */
  slow: string[];
  verySlow: string[];
  serverErrors: string[];
  connectionResets: string[];
  /** Pages encoded in ISO-8859-1 (the whole site when its charset is). */
  latin1Pages: string[];
  robots: { present: boolean; disallow: string[]; crawlDelay: number | null; sitemapDeclared: boolean };
  sitemap: string | null;
  /** Unknown paths answer 200 "page introuvable" instead of 404. */
  softNotFound: boolean;
  /** Pages under a robots-disallowed area that are linked from the site. */
  disallowedPages: string[];
}

export interface SiteGroundTruth {
  services: ServiceTruth[];
  portal: PortalTruth;
  /** Documents (HTML and PDF) served with 200 on the site's hosts, traps excluded. */
  pageCount: number;
  /** Linked URLs on the site's hosts that answer 404. */
  brokenLinks: string[];
  traps: TrapTruth;
  /** Referential services that apply to the site's kind: those not in `services` are at level 0. */
  applicableServices: number;
  /** 0–1, the richness the site was drawn with. */
  maturity: number;
}

export interface FarmSite {
  code: string;
  name: string;
  kind: FarmKind;
  homeUrl: string;
  /** Hosts of the site: main host first, then apex or second hosts. */
  hosts: string[];
  groundTruth: SiteGroundTruth;
  /** Set when the site shares its real host with another code (Corsica 2A/2B, Alsace 67/68). */
  aliasOf?: string;
}

export interface Farm {
  seed: number;
  referentialVersion: string;
  sites: FarmSite[];
  /** E-service platform hosts (demarches-simplifiees.fr, payfip.gouv.fr…) served by the farm. */
  platformHosts: string[];
  /** Whether some site is served over https (the server then needs TLS). */
  needsHttps: boolean;
  /** Every host served. */
  hosts(): string[];
  /** Routing table the server serves. */
  routes: FarmRoutes;
  /** The ground truth of every site, as stable JSON. */
  groundTruthJson(): string;
}

export type { Referential };
