import type { SimulatedWeb } from '../cli/context.ts';
import { generateFarm } from '../farm/generate.ts';
import { startFarm } from '../farm/server.ts';
import type { CompetenceKind, Referential } from '../referential/referential.schema.ts';
import type { AuditTarget } from '../territories/audit-targets.ts';

/** Seed of the simulated web: the same authorities always get the same simulated sites. */
export const SIMULATED_WEB_SEED = 2026;

/** The competence level whose services a simulated site offers: the widest the authority has. */
function farmKind(competences: readonly CompetenceKind[]): CompetenceKind {
  for (const kind of ['departement', 'region', 'epci', 'commune'] as const) {
    if (competences.includes(kind)) return kind;
  }
  return 'commune';
}

/**
 * Serves a simulated website at each target's real address, on 127.0.0.1: the crawler reaches
 * it through `connectTo` and the farm's certificate authority, and nothing leaves the machine.
 * Every simulated page says so in a banner.
 */
export async function startSimulatedWeb(
  targets: readonly AuditTarget[],
  referential: Referential,
  options: { seed?: number; pagesPerSite?: number; latencyMs?: number } = {},
): Promise<SimulatedWeb> {
  const sites = new Map<string, { code: string; name: string; kind: CompetenceKind; homeUrl: string }>();
  for (const target of targets) {
    if (!sites.has(target.websiteUrl)) {
      sites.set(target.websiteUrl, {
        code: target.code,
        name: target.name,
        kind: farmKind(target.competences),
        homeUrl: target.websiteUrl,
      });
    }
  }
  const farm = generateFarm({
    seed: options.seed ?? SIMULATED_WEB_SEED,
    sites: [...sites.values()],
    referential,
    ...(options.pagesPerSite ? { pagesPerSite: options.pagesPerSite } : {}),
    // Politeness towards Crawl-delay is the crawler's own tests' business; a demonstration
    // should not wait a second per page on one site.
    crawlDelaySite: false,
  });
  // Slow pages exercise the crawler's timeouts in its own tests; here they would only make the
  // demonstration wait.
  const running = await startFarm(farm, { latencyMs: options.latencyMs ?? 0, slowPages: false });
  return {
    network: {
      connectTo: running.connectTo,
      allowPrivateNetwork: true,
      ...(running.ca ? { ca: running.ca } : {}),
    },
    close: () => running.close(),
  };
}
