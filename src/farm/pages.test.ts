import { beforeAll, describe, expect, it } from 'vitest';
import type { Farm, FarmSite, ServiceTruth } from './farm.types.ts';
import { shippedReferential } from './farm-fixtures.ts';
import { generateFarm } from './generate.ts';
import { farmGet } from './in-memory-client.ts';
import { FARM_PLATFORMS } from './platforms.ts';

let farm: Farm;
let services: { site: FarmSite; service: ServiceTruth }[];

beforeAll(async () => {
  farm = generateFarm({ seed: 11, sites: 30, referential: await shippedReferential(), pagesPerSite: 80 });
  services = farm.sites.flatMap((site) => site.groundTruth.services.map((service) => ({ site, service })));
});

/** The service page and, when the démarche happens elsewhere, that page too. */
function serviceText(service: ServiceTruth): string {
  const page = farmGet(farm, service.url, { followRedirects: true });
  const remote =
    service.platformUrl !== undefined &&
    !service.platformUrl.startsWith('mailto:') &&
    service.platformUrl !== page.url
      ? farmGet(farm, service.platformUrl, { followRedirects: true }).text
      : '';
  return `${page.text}\n${remote}`;
}

/** Main content of a page, without the shared menus and footer. */
function mainOf(html: string): string {
  const start = html.search(/<main id="contenu">|<div id="contenu" role="main">|<td class="contenu"/);
  const end = html.search(/<footer|<div id="footer">/);
  return html.slice(start, end === -1 ? undefined : end);
}

describe('farm service pages', () => {
  it('serves every ground-truth service URL and remote part with 200', () => {
    expect(services.length).toBeGreaterThan(500);
    for (const { service } of services) {
      const page = farmGet(farm, service.url, { followRedirects: true });
      expect(page.status, service.url).toBe(200);
      if (service.platformUrl !== undefined && !service.platformUrl.startsWith('mailto:')) {
        expect(
          farmGet(farm, service.platformUrl, { followRedirects: true }).status,
          service.platformUrl,
        ).toBe(200);
      }
    }
  });

  it('covers every channel', () => {
    const channels = new Set(services.map(({ service }) => service.channel));
    expect([...channels].sort()).toEqual(
      [
        'account-followup',
        'booking',
        'email',
        'eservices-form',
        'information',
        'onsite-form',
        'payment',
        'pdf-form',
        'platform-followup',
        'platform-form',
        'third-party',
      ].sort(),
    );
  });

  it('puts on level-4 services an online form with upload and submit and a follow-up, or online payment', () => {
    for (const { service } of services.filter(
      ({ service }) => service.level === 4 && service.channel !== 'third-party',
    )) {
      const text = serviceText(service);
      if (service.channel === 'payment') {
        expect(text, service.url).toContain(FARM_PLATFORMS.payfip.host);
        expect(text).toMatch(/Payer|paiement/i);
        continue;
      }
      expect(text, service.url).toMatch(/<form[^>]*method="post"/);
      expect(text).toContain('type="file"');
      expect(text).toMatch(/type="submit"/);
      expect(text).toMatch(
        /Suivre (ma|mes) (demande|candidature)|suivez|suivre l’avancement|Mes démarches en cours|Voir l’état/i,
      );
      expect(text).toMatch(/FranceConnect|compte|espace personnel|espace candidat/);
    }
  });

  it('puts on level-3 services an online submission without follow-up, decision or payment online', () => {
    for (const { service } of services.filter(
      ({ service }) => service.level === 3 && service.channel !== 'third-party',
    )) {
      const text = serviceText(service);
      expect(text, service.url).toMatch(/type="submit"/);
      expect(text).not.toContain('FranceConnect');
      // Démarches simplifiées tracks every file to its decision: a level-4 platform.
      expect(text).not.toContain(FARM_PLATFORMS['demarches-simplifiees'].host);
      expect(text).not.toContain(FARM_PLATFORMS.payfip.host);
      expect(text).not.toMatch(/Suivre (ma|mes) demande|suivez|espace personnel/i);
    }
  });

  it('puts on level-2 services a form to send back, a booking or an e-mail request', () => {
    for (const { service } of services.filter(({ service }) => service.level === 2)) {
      const main = mainOf(farmGet(farm, service.url).text);
      if (service.channel === 'pdf-form') expect(main, service.url).toMatch(/\.pdf["?;]/);
      else if (service.channel === 'booking') expect(main).toMatch(/rdv360|clicrdv/);
      else expect(main).toContain('mailto:');
      expect(main).not.toMatch(/type="file"/);
    }
  });

  it('keeps level-1 pages free of forms, downloads and online démarches', () => {
    for (const { service } of services.filter(({ service }) => service.level === 1)) {
      const main = mainOf(farmGet(farm, service.url).text);
      expect(main, service.url).not.toMatch(/<form|\.pdf|demarches-simplifiees|payfip|rdv360|clicrdv/);
    }
  });

  it('records services left to a third party, with a link or a redirect to it', () => {
    const third = services.filter(({ service }) => service.thirdParty !== undefined);
    expect(third.length).toBeGreaterThan(5);
    for (const { service } of third) {
      if (service.platformUrl === undefined) {
        expect(service.level).toBe(1);
        continue;
      }
      const page = farmGet(farm, service.url, { followRedirects: true });
      expect(page.url === service.platformUrl || page.text.includes(service.platformUrl), service.url).toBe(
        true,
      );
    }
  });

  it('names many services in menus and news without offering them there (hard negatives)', () => {
    const site = farm.sites.find((candidate) => candidate.groundTruth.services.length > 30);
    if (site === undefined) throw new Error('no rich site');
    const home = farmGet(farm, site.homeUrl, { followRedirects: true }).text;
    const named = site.groundTruth.services.filter((service) =>
      home.includes(service.url.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, '')),
    );
    expect(named.length).toBeGreaterThan(10);
  });
});

describe('farm traps', () => {
  it('has an endless calendar on every site', () => {
    const site = farm.sites[0] as FarmSite;
    let url = site.groundTruth.traps.calendar;
    const seen = new Set<string>();
    for (let step = 0; step < 40; step++) {
      const page = farmGet(farm, url);
      expect(page.status).toBe(200);
      seen.add(url);
      const next = /href="([^"]+)">Mois suivant/.exec(page.text)?.[1];
      expect(next).toBeDefined();
      url = new URL((next ?? '').replace(/&amp;/g, '&'), url).toString();
    }
    expect(seen.size).toBe(40);
  });

  it('has an endless query string trap on every site', () => {
    for (const site of farm.sites.slice(0, 5)) {
      let url = site.groundTruth.traps.infiniteQuery;
      for (let step = 0; step < 10; step++) {
        const page = farmGet(farm, url);
        expect(page.status, url).toBe(200);
        const next = /href="([^"]+)">(Page suivante|Trier par date)/.exec(page.text)?.[1];
        expect(next, url).toBeDefined();
        url = new URL((next ?? '').replace(/&amp;/g, '&'), url).toString();
      }
    }
  });

  it('gives session ids in links on some sites, ignored when serving', () => {
    const site = farm.sites.find((candidate) => candidate.groundTruth.traps.sessionIds !== null);
    if (site === undefined) throw new Error('no session-id site');
    const home = farmGet(farm, site.homeUrl, { followRedirects: true });
    expect(home.text).toMatch(/;jsessionid=FARMSESSION|PHPSESSID=FARMSESSION/);
    const link = /href="(\/[^"]*(?:;jsessionid=|PHPSESSID=)[^"]*)"/.exec(home.text)?.[1] ?? '';
    expect(
      farmGet(farm, new URL(link.replace(/&amp;/g, '&'), home.url).toString(), { followRedirects: true })
        .status,
    ).toBe(200);
  });

  it('has exactly one redirect loop and one Crawl-delay in the farm', () => {
    const loops = farm.sites.filter((site) => site.groundTruth.traps.redirectLoop !== null);
    expect(loops).toHaveLength(1);
    const [a] = loops[0]?.groundTruth.traps.redirectLoop ?? [];
    expect(() => farmGet(farm, a ?? '', { followRedirects: true, maxRedirects: 5 })).toThrow(
      /too many redirects/,
    );
    const delayed = farm.sites.filter((site) => site.groundTruth.traps.robots.crawlDelay !== null);
    expect(delayed).toHaveLength(1);
    const robots = farmGet(farm, new URL('/robots.txt', delayed[0]?.homeUrl).toString());
    expect(robots.text).toMatch(/Crawl-delay: 1/);
  });

  it('has redirect chains, broken links, failing and slow pages', () => {
    for (const site of farm.sites) {
      const { traps } = site.groundTruth;
      for (const chain of traps.redirectChains) {
        const page = farmGet(farm, chain.from, { followRedirects: true });
        expect(page.redirects).toHaveLength(chain.hops);
        expect(page.url).toBe(chain.to);
      }
      for (const url of site.groundTruth.brokenLinks) {
        expect(farmGet(farm, url).status).toBe(traps.softNotFound ? 200 : 404);
      }
      for (const url of traps.serverErrors) expect(farmGet(farm, url).status).toBe(500);
      for (const url of traps.connectionResets) expect(farmGet(farm, url).status).toBe(0);
      expect(traps.slow).toHaveLength(2);
    }
    expect(farm.sites.some((site) => site.groundTruth.traps.verySlow.length > 0)).toBe(true);
  });

  it('encodes Latin-1 pages in ISO-8859-1 bytes', () => {
    const latin1Site = farm.sites.find((site) => site.groundTruth.portal.charset === 'iso-8859-1');
    if (latin1Site === undefined) throw new Error('no Latin-1 site');
    const home = farmGet(farm, latin1Site.homeUrl, { followRedirects: true });
    expect(home.body.includes(Buffer.from('é', 'utf8'))).toBe(false);
    expect(home.body.includes(Buffer.from([0xe9]))).toBe(true); // é in ISO-8859-1
    expect(home.text).toContain('Site simulé');
    const legacy = farm.sites.flatMap((site) => site.groundTruth.traps.latin1Pages);
    expect(legacy.length).toBeGreaterThan(0);
    const page = farmGet(farm, legacy[0] ?? '');
    expect(page.headers['content-type']).toBe('text/html; charset=iso-8859-1');
    expect(page.body.includes(Buffer.from('é', 'utf8'))).toBe(false);
  });

  it('describes robots.txt, sitemaps and disallowed areas truthfully', () => {
    for (const site of farm.sites) {
      const { robots, sitemap, disallowedPages } = site.groundTruth.traps;
      const robotsTxt = farmGet(farm, new URL('/robots.txt', site.homeUrl).toString());
      expect(robotsTxt.status === 200 && robotsTxt.text.startsWith('User-agent')).toBe(robots.present);
      if (robots.present) {
        for (const path of robots.disallow) expect(robotsTxt.text).toContain(`Disallow: ${path}`);
        if (robots.sitemapDeclared) expect(robotsTxt.text).toContain(`Sitemap: ${sitemap}`);
      }
      if (sitemap !== null) expect(farmGet(farm, sitemap).text).toMatch(/<urlset|<sitemapindex/);
      for (const url of disallowedPages)
        expect(new URL(url).pathname.startsWith('/espace-prive/')).toBe(true);
    }
  });
});

describe('farm portal pages', () => {
  it('matches the accessibility statement, legal notice, viewport and trackers to the ground truth', () => {
    const statuses = new Set<string>();
    for (const site of farm.sites) {
      const { portal } = site.groundTruth;
      statuses.add(portal.accessibility);
      const home = farmGet(farm, site.homeUrl, { followRedirects: true }).text;
      if (portal.accessibilityUrl === undefined) {
        expect(portal.accessibility).toBe('absente');
        expect(home).not.toMatch(/Accessibilité : /);
      } else {
        const statement = farmGet(farm, portal.accessibilityUrl).text;
        expect(statement).toContain(`${portal.accessibility} conforme`);
        expect(statement).toContain('RGAA');
        if (portal.conformityRate !== undefined && portal.accessibility !== 'totalement') {
          expect(statement).toContain(`${String(portal.conformityRate).replace('.', ',')} %`);
        }
      }
      expect(home.includes('name="viewport"')).toBe(portal.viewport);
      if (portal.legalNoticeUrl)
        expect(farmGet(farm, portal.legalNoticeUrl).text).toMatch(/Mentions légales|Informations légales/);
      if (portal.trackers.includes('google-tag-manager')) expect(home).toContain('googletagmanager.com');
      const scriptHosts = [...home.matchAll(/<(?:script|iframe)[^>]+src="https?:\/\/([^/"]+)/g)].map(
        (match) => match[1],
      );
      const thirdParty = scriptHosts.filter((host) => !site.hosts.includes(host ?? ''));
      expect(thirdParty.length > 0, site.homeUrl).toBe(portal.trackers.length > 0);
    }
    expect([...statuses].sort()).toEqual(['absente', 'non', 'partiellement', 'totalement']);
  });
});
