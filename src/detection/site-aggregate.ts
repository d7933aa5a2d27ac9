import type { DigitalisationLevel } from '../referential/levels.ts';
import type { PageDetection, ServiceEvidence } from './detection.types.ts';
import { CONFIDENCE_THRESHOLD } from './level.rules.ts';

/**
 * From the detections of every page of a site to one result per service: the highest level
 * that some page shows with enough confidence, and every page's evidence kept, so that an
 * analyst reviewing the proposal sees all of it.
 */

export interface PageEvidence extends ServiceEvidence {
  level: DigitalisationLevel;
  confidence: number;
}

export interface SiteServiceDetection {
  serviceKey: string;
  level: DigitalisationLevel;
  /** Confidence of the page that decided the level. */
  confidence: number;
  /**
   * Every page that detected the service, the deciding page first: pages that pass the
   * threshold before the others, then highest level, then highest confidence.
   */
  evidence: PageEvidence[];
}

export interface AggregateOptions {
  /** Confidence from which a page's detection can decide the site's level. */
  threshold?: number;
}

/**
 * One result per service that at least one page detects with enough confidence; services
 * only seen below the threshold are not detected on the site (level 0 for the caller).
 */
export function aggregateSite(
  pages: readonly PageDetection[],
  options: AggregateOptions = {},
): SiteServiceDetection[] {
  const threshold = options.threshold ?? CONFIDENCE_THRESHOLD;
  const byService = new Map<string, PageEvidence[]>();
  for (const page of pages) {
    for (const detection of page.detections) {
      const evidence = byService.get(detection.serviceKey) ?? [];
      evidence.push({ ...detection.evidence, level: detection.level, confidence: detection.confidence });
      byService.set(detection.serviceKey, evidence);
    }
  }

  const results: SiteServiceDetection[] = [];
  for (const [serviceKey, evidence] of byService) {
    const passes = (entry: PageEvidence) => entry.confidence >= threshold;
    evidence.sort(
      (a, b) =>
        Number(passes(b)) - Number(passes(a)) ||
        b.level - a.level ||
        b.confidence - a.confidence ||
        a.url.localeCompare(b.url),
    );
    const decisive = evidence[0];
    if (decisive === undefined || !passes(decisive)) continue;
    results.push({ serviceKey, level: decisive.level, confidence: decisive.confidence, evidence });
  }
  return results.sort((a, b) => b.level - a.level || a.serviceKey.localeCompare(b.serviceKey));
}

/** Detector name → number of pages on which it failed: a site's detection health. */
export function failedDetectorCounts(pages: readonly PageDetection[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const page of pages) {
    for (const failure of page.failedDetectors)
      counts[failure.detector] = (counts[failure.detector] ?? 0) + 1;
  }
  return counts;
}
