import type { CompetenceKind, Referential } from '../referential/referential.schema.ts';
import { errorMessage } from '../shared/errors.ts';
import { compileReferential } from './compile.ts';
import type { DetectionContext, FailedDetector, PageDetection, Signal } from './detection.types.ts';
import { decideDetections } from './level.rules.ts';
import type { PageContent } from './page.ts';
import { analyzePage } from './page-analysis.ts';
import { loadPlatforms, type PlatformIndex } from './platforms.ts';
import { DETECTORS, type RegisteredDetector } from './registry.ts';

/**
 * Detection entry point: compile a referential once, then detect pages one by one. A detector
 * that throws is reported for that page and the others still count.
 */

export interface DetectorOptions {
  /** Only the services of these competence kinds (all when absent or empty). */
  kinds?: readonly CompetenceKind[];
  /** Known platforms; the shipped data/platforms/platforms.yaml by default. */
  platforms?: PlatformIndex;
  /** The detectors to run; the registry by default (tests replace it). */
  detectors?: readonly RegisteredDetector[];
}

export interface PageDetector {
  detectPage(page: PageContent): PageDetection;
  /** Signals of every detector, for debugging and tests. */
  signalsOf(page: PageContent): {
    signals: Signal[];
    failedDetectors: FailedDetector[];
    context: DetectionContext;
  };
}

export function createDetector(referential: Referential, options: DetectorOptions = {}): PageDetector {
  const platforms = options.platforms ?? loadPlatforms();
  const compiled = compileReferential(referential, platforms, options.kinds ? { kinds: options.kinds } : {});
  const detectors = options.detectors ?? DETECTORS;

  const signalsOf: PageDetector['signalsOf'] = (page) => {
    const context: DetectionContext = { ...compiled, analysis: analyzePage(page) };
    const signals: Signal[] = [];
    const failedDetectors: FailedDetector[] = [];
    for (const detector of detectors) {
      try {
        signals.push(...detector.detect(page, context));
      } catch (error) {
        failedDetectors.push({
          detector: detector.name,
          error: errorMessage(error),
        });
      }
    }
    return { signals, failedDetectors, context };
  };

  return {
    signalsOf,
    detectPage(page) {
      const { signals, failedDetectors, context } = signalsOf(page);
      const detections = decideDetections({
        url: page.url,
        signals,
        analysis: context.analysis,
        services: compiled.services,
        platforms,
      });
      return { url: page.url, detections, failedDetectors };
    },
  };
}
