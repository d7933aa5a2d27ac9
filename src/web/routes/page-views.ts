import type { AuthorityKind, EditionRow } from '../../db/schema.ts';
import { editionFindings } from '../../indicators/findings/findings.rules.ts';
import { peerComparison } from '../../indicators/peer-comparison.rules.ts';
import { UserError } from '../../shared/errors.ts';
import type { AuthorityView } from '../pages/authority.tsx';
import type { Scorecard } from '../pages/authority-scorecard.tsx';
import type { HomeView } from '../pages/home.tsx';
import type { WebServices } from '../web-services.ts';
import { kindFromSlug } from './kind-slugs.ts';

/** What the home page shows: the current edition and its per-département and per-level counts. */
export async function loadHomeView(services: WebServices): Promise<HomeView> {
  const edition = await services.currentEdition();
  if (!edition) return { edition, simulated: false, departements: [], levels: [], reports: [] };
  const [counts, departements, run, levels, indicatorRun, reports] = await Promise.all([
    services.endToEndByDepartement(edition.id),
    services.listAuthorities({ kind: 'departement', page: 1, perPage: 200 }),
    services.latestAuditRun(edition.id),
    services.levelDistribution(edition.id),
    services.indicatorRun(edition.year),
    services.reports.files(edition.year),
  ]);
  const ranked = indicatorRun
    ? await services.rankingPage({
        editionId: edition.id,
        kind: 'departement',
        sort: 'indice',
        direction: 'desc',
      })
    : undefined;
  const names = new Map(departements.items.map((d) => [d.code, d.name]));
  return {
    edition,
    simulated: run?.simulated === true,
    departements: counts.map((count) => ({
      ...count,
      name: names.get(count.departementCode) ?? count.departementCode,
    })),
    levels,
    reports,
    indicators:
      indicatorRun && ranked
        ? {
            run: indicatorRun,
            findings: editionFindings(edition.year, indicatorRun.aggregates.kinds),
            departements: ranked.rows,
          }
        : undefined,
  };
}

/**
 * An authority's page, or not_found for an unknown kind or code; of the current edition unless
 * one is given (the back office's preview of an unpublished edition).
 */
export async function loadAuthorityView(
  services: WebServices,
  kindSlug: string,
  code: string,
  ofEdition?: EditionRow,
): Promise<AuthorityView> {
  const kind = kindFromSlug(kindSlug);
  const profile = kind ? await services.authorityProfile(kind, code.toUpperCase()) : undefined;
  if (!profile) throw new UserError('not_found', 'Collectivité introuvable');
  const edition = ofEdition ?? (await services.currentEdition());
  const { services: assessed, audit } = edition
    ? await services.authorityAssessments(edition.id, profile.id)
    : { services: [], audit: undefined };
  const [scorecard, history, initiatives] = await Promise.all([
    loadScorecard(services, edition, profile),
    services.authorityHistory(profile.id),
    services.initiatives.ofAuthority(profile.id),
  ]);
  const taxonomy = services.initiatives.taxonomy();
  return {
    profile,
    edition,
    services: assessed,
    audit,
    scorecard,
    history,
    initiatives: initiatives.map((i) => ({
      title: i.title,
      year: i.year,
      domains: i.domains.map((key) => taxonomy.domains.find((d) => d.key === key)?.label ?? key),
    })),
  };
}

/**
 * The authority's indicators and its peers' comparison, when the edition's are computed: only
 * its peer group is read (one population stratum, not the 35 000 communes of the kind).
 */
async function loadScorecard(
  services: WebServices,
  edition: EditionRow | undefined,
  profile: { kind: AuthorityKind; code: string },
): Promise<Scorecard | undefined> {
  if (!edition) return undefined;
  const own = await services.authorityIndicators(edition.year, profile.kind, profile.code);
  if (!own) return undefined;
  const peers = await services.kindIndicators(
    edition.year,
    profile.kind,
    own.indicators.peerGroup ?? undefined,
  );
  return { ...own, comparison: peerComparison(own.indicators, peers) };
}
