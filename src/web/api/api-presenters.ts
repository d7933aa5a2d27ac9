import type { AssessedService } from '../../assessments/assessments.repository.ts';
import type { EditionRow } from '../../db/schema.ts';
import type { AuthorityIndicators } from '../../indicators/indicators.types.ts';
import type { AuthoritySummary } from '../../territories/authority-list.repository.ts';
import type { AuthorityProfile } from '../../territories/authority-profile.repository.ts';
import { kindSlug } from '../routes/kind-slugs.ts';

/** Domain records → the API's JSON shapes (api-schemas.ts), snake_case and stable. */

export const apiTerritoryPath = (t: { kind: AuthoritySummary['kind']; code: string }) =>
  `/api/v1/territories/${kindSlug(t.kind)}/${encodeURIComponent(t.code)}`;

export function presentTerritory(t: Omit<AuthoritySummary, 'regionCode'> & { regionCode?: string | null }) {
  return {
    kind: kindSlug(t.kind),
    code: t.code,
    siren: t.siren,
    name: t.name,
    region_code: t.regionCode ?? null,
    departement_code: t.departementCode,
    population: t.population,
    url: apiTerritoryPath(t),
  };
}

const presentRef = (ref: AuthorityProfile['region']) =>
  ref ? { kind: kindSlug(ref.kind), code: ref.code, name: ref.name } : null;

export function presentTerritoryDetail(p: AuthorityProfile) {
  return {
    ...presentTerritory({
      kind: p.kind,
      code: p.code,
      siren: p.siren,
      name: p.name,
      regionCode: p.region?.code ?? (p.kind === 'region' ? p.code : null),
      departementCode: p.departement?.code ?? (p.kind === 'departement' ? p.code : null),
      population: p.population,
    }),
    population_year: p.populationYear,
    status_note: p.statusNote,
    region: presentRef(p.region),
    departement: presentRef(p.departement),
    council: presentRef(p.council),
    website: p.website,
    operating_revenue: p.operatingRevenue,
  };
}

export function presentEdition(e: EditionRow) {
  return {
    year: e.year,
    title: e.title,
    status: e.status,
    referential_version: e.referential_version,
    published_at: e.published_at,
  };
}

export function presentAssessment(s: AssessedService) {
  return {
    theme: { key: s.themeKey, name: s.themeName },
    service: { key: s.serviceKey, name: s.serviceName },
    level: s.assessment.level,
    platform: s.assessment.platform,
    evidence_url: s.assessment.evidence_url,
    source: s.assessment.source,
    confidence: s.assessment.confidence,
    assessed_at: s.assessment.created_at,
  };
}

export function presentIndicators(a: AuthorityIndicators) {
  return {
    index: a.index,
    index_partial: a.indexPartial,
    rank: a.rank,
    rank_total: a.rankTotal,
    peer_group: a.peerGroup,
    peer_rank: a.peerRank,
    peer_total: a.peerTotal,
    percentile: a.percentile,
    services_applicable: a.servicesApplicable,
    levels: [...a.levels],
    end_to_end: a.endToEnd,
    partial: a.partial,
    themes_applicable: a.themesApplicable,
    themes_covered: a.themesCovered,
    theme_rates: Object.fromEntries(
      Object.entries(a.themeRates).map(([key, rate]) => [
        key,
        { applicable: rate.applicable, digitalised: rate.digitalised, end_to_end: rate.endToEnd },
      ]),
    ),
    portal_score: a.portalScore,
    change: {
      status: a.change.status,
      index_change: a.change.indexChange,
      end_to_end_change: a.change.endToEndChange,
    },
  };
}
