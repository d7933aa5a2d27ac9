import { errorMessage } from '../shared/errors.ts';
import { createPortalSite } from './portal.site.ts';
import {
  type HttpProbe,
  PORTAL_CHECK_LABELS,
  type PortalCheck,
  type PortalCheckContext,
  type PortalCheckKey,
  type PortalCheckResult,
  type PortalCheckRun,
  type PortalCheckVerdict,
  type PortalPage,
} from './portal.types.ts';
import { PORTAL_CHECKS } from './registry.ts';
import { shippedTrackerCatalogue, type TrackerCatalogue } from './trackers.catalogue.ts';

/**
 * Runs the portal checks over one site. Pages can be fed one by one while the crawl goes on:
 * each check keeps only the small facts it needs (timings, flags, hosts, a statement excerpt),
 * never the pages. A check that throws ends `unknown` with the error; the others go on.
 */

export interface PortalCheckOptions {
  /** Tracker list; defaults to data/trackers/trackers.yaml, read on first use. */
  trackers?: TrackerCatalogue;
  /** Checks to run; defaults to the registry. */
  checks?: readonly PortalCheck[];
}

export interface PortalAccumulator {
  /** Adds one crawled page, in any order. */
  add(page: PortalPage): void;
  /** Records the result of requesting the http:// home page (without it, https_redirect is unknown). */
  recordHttpProbe(probe: HttpProbe): void;
  /** One result per check, in registry order; can be called again after more pages are added. */
  results(): PortalCheckResult[];
}

export interface PortalChecksInput {
  homeUrl: string;
  pages: Iterable<PortalPage>;
  httpProbe?: HttpProbe;
}

interface CheckFailure {
  phase: 'start' | 'add' | 'finish';
  error: unknown;
  pageUrl?: string;
}

interface Slot {
  check: PortalCheck;
  run: PortalCheckRun | null;
  failure: CheckFailure | null;
}

export function createPortalAccumulator(
  homeUrl: string,
  options: PortalCheckOptions = {},
): PortalAccumulator {
  const site = createPortalSite(homeUrl);
  const context: PortalCheckContext = {
    site,
    trackers: () => options.trackers ?? shippedTrackerCatalogue(),
  };
  const slots: Slot[] = (options.checks ?? PORTAL_CHECKS).map((check) => {
    try {
      return { check, run: check.start(context), failure: null };
    } catch (error) {
      return { check, run: null, failure: { phase: 'start', error } };
    }
  });
  let httpProbe: HttpProbe | undefined;

  return {
    add(page) {
      for (const slot of slots) {
        if (slot.run === null || slot.failure !== null) continue;
        try {
          slot.run.add(page);
        } catch (error) {
          // Its facts may be half-updated: the check stops here rather than report on them.
          slot.failure = { phase: 'add', error, pageUrl: page.url };
        }
      }
    },
    recordHttpProbe(probe) {
      httpProbe = probe;
    },
    results() {
      return slots.map((slot) => {
        let verdict: PortalCheckVerdict;
        if (slot.run === null || slot.failure !== null) {
          verdict = failedVerdict(slot.check.key, slot.failure ?? { phase: 'start', error: null });
        } else {
          try {
            verdict = slot.run.finish({ httpProbe });
          } catch (error) {
            verdict = failedVerdict(slot.check.key, { phase: 'finish', error });
          }
        }
        return { key: slot.check.key, label: PORTAL_CHECK_LABELS[slot.check.key], ...verdict };
      });
    },
  };
}

/** Batch form: the same accumulator fed every page at once. */
export function runPortalChecks(
  input: PortalChecksInput,
  options: PortalCheckOptions = {},
): PortalCheckResult[] {
  const accumulator = createPortalAccumulator(input.homeUrl, options);
  for (const page of input.pages) accumulator.add(page);
  if (input.httpProbe !== undefined) accumulator.recordHttpProbe(input.httpProbe);
  return accumulator.results();
}

function failedVerdict(key: PortalCheckKey, failure: CheckFailure): PortalCheckVerdict {
  const message = errorMessage(failure.error);
  return {
    outcome: 'unknown',
    value: null,
    summary: `${PORTAL_CHECK_LABELS[key]} : vérification impossible (erreur interne)`,
    details: {
      error: message,
      errorName: failure.error instanceof Error ? failure.error.name : null,
      phase: failure.phase,
      ...(failure.pageUrl === undefined ? {} : { pageUrl: failure.pageUrl }),
    },
    evidence: [],
  };
}
