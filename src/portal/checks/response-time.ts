import { formatDuration } from '../portal.format.ts';
import { createTopList, isHtmlPage } from '../portal.site.ts';
import { PORTAL_CHECK_LABELS, type PortalCheck } from '../portal.types.ts';
import { median, percentile } from '../statistics.ts';
import { MAX_OUTLIER_EVIDENCE, RESPONSE_TIME } from '../thresholds.ts';

/**
 * How long the site takes to send its HTML pages, measured by our crawler (from request start
 * to last byte), median and 90th percentile over the pages fetched successfully.
 */
export const responseTimeCheck: PortalCheck = {
  key: 'response_time',
  start() {
    const label = PORTAL_CHECK_LABELS.response_time;
    const timings: number[] = [];
    const slowest = createTopList<{ url: string; ms: number }>(
      MAX_OUTLIER_EVIDENCE,
      (page) => page.ms,
      (page) => page.url,
    );
    return {
      add(page) {
        if (!isHtmlPage(page)) return;
        timings.push(page.elapsedMs);
        slowest.offer({ url: page.url, ms: page.elapsedMs });
      },
      finish() {
        const medianMs = median(timings);
        const p90Ms = percentile(timings, 90);
        if (medianMs === null || p90Ms === null) {
          return {
            outcome: 'unknown',
            value: null,
            summary: `${label} : aucune page HTML collectée`,
            details: { pages: 0 },
            evidence: [],
          };
        }
        const outcome =
          medianMs > RESPONSE_TIME.failMedianMs
            ? 'fail'
            : medianMs > RESPONSE_TIME.warnMedianMs
              ? 'warn'
              : 'pass';
        return {
          outcome,
          value: Math.round(medianMs),
          summary: `${label} : médiane ${formatDuration(medianMs)}, 90e centile ${formatDuration(p90Ms)} (${timings.length} pages)`,
          details: {
            medianMs: Math.round(medianMs),
            p90Ms: Math.round(p90Ms),
            pages: timings.length,
            thresholds: RESPONSE_TIME,
          },
          evidence: slowest.items.map((page) => ({
            url: page.url,
            note: `Page parmi les plus lentes : ${formatDuration(page.ms)}`,
          })),
        };
      },
    };
  },
};
