import type { AssessmentInput } from '../assessments/assessments.repository.ts';
import type { AssessmentSource } from '../db/schema.ts';
import type { SiteServiceDetection } from '../detection/site-aggregate.ts';
import type { CompetenceKind, ReferentialService } from '../referential/referential.schema.ts';

export interface CurrentAssessmentSummary {
  source: AssessmentSource;
  level: number;
}

/** Evidence kept per proposal: enough for an analyst to verify, bounded for storage. */
const EVIDENCE_KEPT = 10;

export function applicableServices(
  services: readonly ReferentialService[],
  competences: readonly CompetenceKind[],
): ReferentialService[] {
  return services.filter((s) => s.applies_to.some((kind) => competences.includes(kind)));
}

/**
 * The crawler proposes one assessment per applicable service: the level it found, or 0 when no
 * page showed the service. It never replaces an assessment made by a person (analyst, survey,
 * declaration), and a crawl that finds the level already proposed adds nothing, so auditing
 * again (or concluding a resumed site twice) only records changes.
 */
export function crawlerProposals(input: {
  editionId: number;
  authorityId: number;
  siteId: number;
  services: readonly ReferentialService[];
  serviceIds: ReadonlyMap<string, number>;
  results: ReadonlyMap<string, SiteServiceDetection>;
  current: ReadonlyMap<number, CurrentAssessmentSummary>;
  pagesCrawled: number;
  truncated: boolean;
}): AssessmentInput[] {
  const proposals: AssessmentInput[] = [];
  for (const service of input.services) {
    const serviceId = input.serviceIds.get(service.key);
    if (serviceId === undefined) continue;
    const current = input.current.get(serviceId);
    const result = input.results.get(service.key);
    const level = result?.level ?? 0;
    if (current && (current.source !== 'crawler' || current.level === level)) continue;
    const best = result?.evidence[0];
    proposals.push({
      editionId: input.editionId,
      authorityId: input.authorityId,
      serviceId,
      source: 'crawler',
      level,
      confidence: result ? result.confidence : null,
      evidenceUrl: best?.url ?? null,
      platform: best?.platform ?? null,
      channel: best?.thirdParty ? `third_party:${best.thirdParty}` : (best?.platform ?? null),
      evidence: result
        ? { auditSiteId: input.siteId, pages: result.evidence.slice(0, EVIDENCE_KEPT) }
        : {
            auditSiteId: input.siteId,
            reason: 'not_found_on_site',
            pagesCrawled: input.pagesCrawled,
            crawlTruncated: input.truncated,
          },
    });
  }
  return proposals;
}
