/**
 * What belongs to an authority's website: its own hosts (start host, www twin, hosts the start
 * URL redirected to, subdomains of the registrable domain), plus pages of known e-service
 * platforms it links to, fetched one level deep. Everything else is out of scope.
 */
import { isIP } from 'node:net';

/**
 * Suffixes under which each label is a different owner. A small hand-picked list (not the full
 * Public Suffix List): the French sectoral zones, overseas zones with second levels, the common
 * "co.uk" style ones, and shared hosts where each customer site is a subdomain.
 */
const PUBLIC_SUFFIXES = new Set([
  // France: AFNIC sectoral second levels
  'gouv.fr',
  'asso.fr',
  'com.fr',
  'nom.fr',
  'prd.fr',
  'tm.fr',
  'presse.fr',
  'cci.fr',
  'greta.fr',
  'avocat.fr',
  'notaires.fr',
  'medecin.fr',
  'port.fr',
  'aeroport.fr',
  // Overseas zones with second levels (.re, .gp, .nc, .pf…; .mq and .corsica have none)
  'asso.re',
  'com.re',
  'nom.re',
  'asso.gp',
  'com.gp',
  'org.gp',
  'net.gp',
  'edu.gp',
  'asso.nc',
  'nom.nc',
  'com.pf',
  'org.pf',
  'edu.pf',
  // "co.uk" style
  'co.uk',
  'org.uk',
  'gov.uk',
  'ac.uk',
  'me.uk',
  'net.uk',
  'ltd.uk',
  'plc.uk',
  'sch.uk',
  'com.au',
  'net.au',
  'org.au',
  'gov.au',
  'co.nz',
  'co.jp',
  'co.za',
  'com.br',
  // Shared hosting: one customer per subdomain (PSL private section and French favourites)
  'e-monsite.com',
  'wixsite.com',
  'jimdofree.com',
  'jimdosite.com',
  'jimdo.com',
  'over-blog.com',
  'over-blog.fr',
  'wordpress.com',
  'blogspot.com',
  'blogspot.fr',
  'canalblog.com',
  'eklablog.com',
  'hautetfort.com',
  'webnode.fr',
  'webnode.com',
  'wifeo.com',
  'sitew.fr',
  'sitew.com',
  'simplesite.com',
  'weebly.com',
  'free.fr',
  'pagesperso-orange.fr',
  'monsite-orange.fr',
  'github.io',
  'gitlab.io',
  'netlify.app',
  'vercel.app',
  'pages.dev',
  'azurewebsites.net',
  'herokuapp.com',
]);

/** "www.ville.fr" → "ville.fr"; "mairie.ain.gouv.fr" → "ain.gouv.fr"; IPs and single labels unchanged. */
export function registrableDomain(hostname: string): string {
  const host = hostname.toLowerCase().replace(/\.+$/, '');
  if (isIP(host.replace(/^\[|\]$/g, '')) !== 0) return host;
  const labels = host.split('.');
  if (labels.length <= 2) {
    // "gouv.fr" itself, or "ville.fr"
    return host;
  }
  // Longest known suffix first (three labels, then two), otherwise the top-level domain.
  for (let size = Math.min(3, labels.length - 1); size >= 2; size -= 1) {
    const suffix = labels.slice(-size).join('.');
    if (PUBLIC_SUFFIXES.has(suffix)) return labels.slice(-(size + 1)).join('.');
  }
  return labels.slice(-2).join('.');
}

/** Returns the key of the known e-service platform a URL belongs to, or null. */
export type IsPlatformUrl = (url: string) => string | null;

export type LinkScope =
  /** One of the site's own hosts: fetched, its links followed. */
  | { kind: 'site'; platform: string | null }
  /** A known e-service platform outside the site: fetched, its links not followed. */
  | { kind: 'platform'; platform: string }
  | { kind: 'out_of_scope' };

export interface SiteScope {
  /** Widens the site to a host the start URL redirected to (and its registrable domain). */
  addHost(hostname: string): void;
  isSiteHost(hostname: string): boolean;
  classify(url: string): LinkScope;
  /** Registrable domains of the site, for reports and tests. */
  domains(): string[];
}

function hostnameOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

export function createSiteScope(startUrl: string, isPlatformUrl: IsPlatformUrl): SiteScope {
  const domains = new Set<string>();
  const addHost = (hostname: string): void => {
    const host = hostname.toLowerCase().replace(/\.+$/, '');
    // A site hosted by a known platform ("ville.espace-citoyens.net") must not take in the
    // platform's other customers: keep to its own host (and its www twin).
    const onPlatform = isPlatformUrl(`https://${host}/`) !== null;
    domains.add(onPlatform ? host.replace(/^www\./, '') : registrableDomain(host));
  };
  const start = hostnameOf(startUrl);
  if (start !== null) addHost(start);

  const isSiteHost = (hostname: string): boolean => {
    const host = hostname.toLowerCase().replace(/\.+$/, '');
    for (const domain of domains) {
      if (host === domain || host.endsWith(`.${domain}`)) return true;
    }
    return false;
  };

  return {
    addHost,
    isSiteHost,
    classify(url) {
      const host = hostnameOf(url);
      if (host === null) return { kind: 'out_of_scope' };
      const platform = isPlatformUrl(url);
      if (isSiteHost(host)) return { kind: 'site', platform };
      if (platform !== null) return { kind: 'platform', platform };
      return { kind: 'out_of_scope' };
    },
    domains: () => [...domains],
  };
}
