import { createHtmlMeasure, noHtmlPageVerdict } from '../html-pages.ts';
import { formatDuration } from '../portal.format.ts';
import { PORTAL_CHECK_LABELS, type PortalCheck } from '../portal.types.ts';
import { RESPONSE_TIME } from '../thresholds.ts';

/**
 * How long the site takes to send its HTML pages, measured by our crawler (from request start
 * to last byte), median and 90th percentile over the pages fetched successfully.
 */
export const responseTimeCheck: PortalCheck = {
  key: 'response_time',
  start() {
    const label = PORTAL_CHECK_LABELS.response_time;
    const timings = createHtmlMeasure((page) => page.elapsedMs);
    return {
      add: timings.add,
      finish() {
        const stats = timings.stats();
        if (stats === null) return noHtmlPageVerdict(label, { pages: 0 });
        const medianMs = stats.median;
        const outcome =
          medianMs > RESPONSE_TIME.failMedianMs
            ? 'fail'
            : medianMs > RESPONSE_TIME.warnMedianMs
              ? 'warn'
              : 'pass';
        return {
          outcome,
          value: Math.round(medianMs),
          summary: `${label} : médiane ${formatDuration(medianMs)}, 90e centile ${formatDuration(stats.p90)} (${stats.pages} pages)`,
          details: {
            medianMs: Math.round(medianMs),
            p90Ms: Math.round(stats.p90),
            pages: stats.pages,
            thresholds: RESPONSE_TIME,
          },
          evidence: stats.largest.map((page) => ({
            url: page.url,
            note: `Page parmi les plus lentes : ${formatDuration(page.value)}`,
          })),
        };
      },
    };
  },
};
