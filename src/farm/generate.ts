import type { Farm, FarmSite, GenerateFarmOptions } from './farm.types.ts';
import { groundTruthJson } from './ground-truth.ts';
import { PlatformPages } from './platforms.ts';
import { Rng } from './random.ts';
import type { HostRoutes } from './routes.ts';
import { maturities } from './service-levels.ts';
import { generateSite } from './site-generator.ts';
import { resolveSpecs } from './site-specs.ts';

/**
 * The fixture farm: realistic, entirely simulated websites of French local authorities with the
 * ground truth of what they offer. Pure and deterministic: the same options give byte-identical
 * sites. Every page is pre-rendered here; server.ts only serves from memory.
 */
export function generateFarm(options: GenerateFarmOptions): Farm {
  const { seed, referential } = options;
  const kind = options.kind ?? 'departement';
  const pagesPerSite = options.pagesPerSite ?? 150;
  const specs = resolveSpecs(options.sites, kind, options.useRealHosts ?? false, Rng.derive(seed, 'specs'));
  const drawn = maturities(specs.length, Rng.derive(seed, 'maturity'));
  // One site of the farm has a redirect loop and one asks for a Crawl-delay.
  const special = Rng.derive(seed, 'special');
  const loopIndex = specs.length === 0 ? -1 : special.int(0, specs.length - 1);
  const drawnDelayIndex = specs.length === 0 ? -1 : special.int(0, specs.length - 1);
  const crawlDelayIndex = options.crawlDelaySite === false ? -1 : drawnDelayIndex;

  const platforms = new PlatformPages(options.https === false ? 'http' : 'https');
  platforms.add(
    'franceconnect',
    '/',
    'FranceConnect',
    '<h1>FranceConnect</h1><p>FranceConnect est la solution proposée par l’État pour sécuriser et simplifier la connexion aux services en ligne.</p>',
  );
  platforms.add(
    'demarches-simplifiees',
    '/dossiers',
    'Mes dossiers',
    '<h1>Mes dossiers</h1><p>Connectez-vous pour suivre l’avancement de vos dossiers et consulter les décisions.</p>',
  );

  const routes = new Map<string, HostRoutes>();
  const sites: FarmSite[] = [];
  const byRealHost = new Map<string, FarmSite>();
  specs.forEach((spec, index) => {
    const realHost = spec.realHome?.host;
    const shared = realHost === undefined ? undefined : byRealHost.get(realHost);
    if (shared !== undefined) {
      // Corsica (2A/2B) and Alsace (67/68): one authority, one website, two codes.
      sites.push({ ...shared, code: spec.code, name: spec.name, aliasOf: shared.code });
      return;
    }
    const generated = generateSite({
      seed,
      index,
      spec,
      maturity: spec.maturity ?? drawn[index] ?? 0.5,
      referential,
      pagesPerSite,
      allowHttps: options.https ?? true,
      redirectLoop: index === loopIndex,
      crawlDelay: index === crawlDelayIndex,
      platforms,
    });
    for (const route of generated.routes) {
      if (routes.has(route.host)) throw new Error(`farm: host ${route.host} used by two sites`);
      routes.set(route.host, route);
    }
    sites.push(generated.site);
    if (realHost !== undefined) byRealHost.set(realHost, generated.site);
  });
  const platformRoutes = platforms.routes();
  for (const route of platformRoutes) {
    if (routes.has(route.host)) throw new Error(`farm: platform host ${route.host} is also a site host`);
    routes.set(route.host, route);
  }

  const farm: Farm = {
    seed,
    referentialVersion: referential.version,
    sites,
    platformHosts: platformRoutes.map((route) => route.host),
    needsHttps: [...routes.values()].some((route) => route.https),
    hosts: () => [...routes.keys()],
    routes,
    groundTruthJson: () => groundTruthJson(farm),
  };
  return farm;
}
