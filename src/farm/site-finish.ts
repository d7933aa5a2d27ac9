import type { Referential } from '../referential/referential.schema.ts';
import type { ContentContext, DatedPage } from './content-pages.ts';
import type { FarmSite, PortalTruth, ServiceTruth, TrapTruth } from './farm.types.ts';
import { robotsTxt, sitemapIndexXml, sitemapXml } from './portal-pages.ts';
import { countDocuments, type FarmResponse, type HostRoutes } from './routes.ts';
import { SECURITY_HEADER_VALUES } from './trackers.ts';
import { SLOW_MS, type TrapSetup, VERY_SLOW_MS } from './traps.ts';

/**
 * Last steps of a site: slow pages, robots.txt and sitemaps, the not-found page, the routes of
 * its hosts and its ground truth.
 */

export interface GeneratedSite {
  site: FarmSite;
  routes: HostRoutes[];
}

export interface FinishInput {
  ctx: ContentContext;
  responses: Map<string, Map<string, FarmResponse>>;
  truths: ServiceTruth[];
  traps: TrapSetup;
  news: readonly DatedPage[];
  events: readonly DatedPage[];
  legacyPages: string[];
  privatePaths: readonly string[];
  portalPaths: { accessibility?: string; legal?: string; contact?: string };
  referential: Referential;
}

export function finishSite(input: FinishInput): GeneratedSite {
  const { ctx, responses, traps } = input;
  const { profile, layout, rng } = ctx;
  const main = responses.get(profile.mainHost) ?? new Map<string, FarmResponse>();
  responses.set(profile.mainHost, main);

  const delay = (pages: readonly DatedPage[], count: number, delayMs: number): string[] =>
    rng.sample(pages, count).map((page) => {
      const response = main.get(page.path);
      if (response !== undefined) main.set(page.path, { ...response, delayMs });
      return layout.url(page.path);
    });
  const slow = delay(input.news.slice(4), 2, SLOW_MS);
  const verySlow = rng.chance(0.4) ? delay(input.events, 1, VERY_SLOW_MS) : [];

  const privateUrls = new Set(input.privatePaths);
  const htmlUrls = [...main.entries()]
    .filter(([path, response]) => response.status === 200 && !response.reset && !privateUrls.has(path))
    .filter(([, response]) => (response.headers['content-type'] ?? '').startsWith('text/html'))
    .map(([path]) => layout.url(path));
  let sitemap: string | null = null;
  if (profile.sitemap !== 'none') {
    sitemap = layout.url('/sitemap.xml');
    if (profile.sitemap === 'flat') {
      main.set('/sitemap.xml', sitemapXml(htmlUrls));
    } else {
      const newsUrls = new Set(input.news.map((page) => layout.url(page.path)));
      main.set(
        '/sitemap.xml',
        sitemapIndexXml([layout.url('/sitemap-pages.xml'), layout.url('/sitemap-actualites.xml')]),
      );
      main.set('/sitemap-pages.xml', sitemapXml(htmlUrls.filter((url) => !newsUrls.has(url))));
      main.set('/sitemap-actualites.xml', sitemapXml([...newsUrls]));
    }
  }
  if (profile.robots.present) main.set('/robots.txt', robotsTxt(ctx, sitemap));

  const notFound = layout.page(
    'Page introuvable',
    `<h1>Page introuvable</h1><p>La page demandée n’existe pas ou a été déplacée.</p><p>${layout.a(profile.homePath, 'Retour à l’accueil')}</p>`,
    { status: profile.softNotFound ? 200 : 404 },
  );
  const securityHeaders = Object.fromEntries(
    profile.securityHeaders.map((name) => [name, SECURITY_HEADER_VALUES[name] ?? '']),
  );
  const https = profile.scheme === 'https';
  const http = profile.httpRedirectsToHttps ? 'redirect-https' : 'serve';
  const routes: HostRoutes[] = [
    {
      host: profile.mainHost,
      siteCode: profile.code,
      https,
      http,
      responses: main,
      dynamic: traps.dynamic,
      notFound,
      session: profile.session,
      securityHeaders,
    },
  ];
  const plainNotFound: FarmResponse = {
    status: 404,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: [Buffer.from('<!DOCTYPE html><html lang="fr"><body><h1>Page introuvable</h1></body></html>')],
  };
  if (profile.aliasHost) {
    routes.push({
      host: profile.aliasHost,
      siteCode: profile.code,
      https,
      http,
      redirectOrigin: layout.origin,
      responses: new Map(),
      notFound: plainNotFound,
      session: null,
      securityHeaders,
    });
  }
  for (const [host, legacy] of [
    [profile.eservicesHost, false],
    [profile.legacyHost, true],
  ] as const) {
    if (host === undefined) continue;
    routes.push({
      host,
      siteCode: profile.code,
      https: legacy ? false : https,
      http: legacy ? 'serve' : http,
      responses: responses.get(host) ?? new Map(),
      notFound: plainNotFound,
      session: null,
      securityHeaders: legacy ? {} : securityHeaders,
    });
  }

  const disallowed = profile.robots.disallowPrivate ? input.privatePaths : [];
  const trapTruth: TrapTruth = {
    calendar: traps.calendarEntry,
    infiniteQuery: traps.infiniteEntry,
    sessionIds: profile.session,
    redirectChains: traps.redirectChains,
    redirectLoop: traps.redirectLoop,
    slow,
    verySlow,
    serverErrors: traps.serverErrors,
    connectionResets: traps.connectionResets,
    latin1Pages: input.legacyPages,
    robots: {
      present: profile.robots.present,
      disallow: profile.robots.disallowPrivate ? ['/espace-prive/'] : [],
      crawlDelay: profile.robots.crawlDelay,
      sitemapDeclared: sitemap !== null && profile.robots.present && profile.robots.declareSitemap,
    },
    sitemap,
    softNotFound: profile.softNotFound,
    disallowedPages: disallowed.map((path) => layout.url(path)),
  };
  const { accessibility, legal, contact } = input.portalPaths;
  const portal: PortalTruth = {
    https,
    httpRedirectsToHttps: profile.httpRedirectsToHttps,
    accessibility: profile.accessibility,
    ...(profile.conformityRate === undefined ? {} : { conformityRate: profile.conformityRate }),
    ...(accessibility === undefined ? {} : { accessibilityUrl: layout.url(accessibility) }),
    legalNotice: legal !== undefined,
    ...(legal === undefined ? {} : { legalNoticeUrl: layout.url(legal) }),
    contact: contact !== undefined,
    ...(contact === undefined ? {} : { contactUrl: layout.url(contact) }),
    search: profile.search,
    viewport: profile.viewport,
    trackers: [...profile.trackers],
    selfHostedAnalytics: profile.selfHostedMatomo ? ['matomo'] : [],
    securityHeaders: [...profile.securityHeaders],
    charset: profile.charset,
  };
  const order = new Map(input.referential.services.map((service, index) => [service.key, index]));
  const services = [...input.truths].sort(
    (a, b) => (order.get(a.serviceKey) ?? 0) - (order.get(b.serviceKey) ?? 0),
  );
  const disallowedDocuments = disallowed.filter((path) => main.get(path)?.status === 200).length;
  const hosts = routes.map((route) => route.host);
  return {
    site: {
      code: profile.code,
      name: profile.name,
      kind: profile.kind,
      homeUrl: layout.url(profile.homePath),
      hosts,
      groundTruth: {
        services,
        portal,
        pageCount: countDocuments(responses) - disallowedDocuments,
        brokenLinks: traps.brokenLinks,
        traps: trapTruth,
        applicableServices: input.referential.services.filter((service) =>
          service.applies_to.includes(profile.kind),
        ).length,
        maturity: Math.round(profile.maturity * 1000) / 1000,
      },
    },
    routes,
  };
}
