import { formatBytes } from '../portal.format.ts';
import { createTopList, isHtmlPage } from '../portal.site.ts';
import { PORTAL_CHECK_LABELS, type PortalCheck } from '../portal.types.ts';
import { median, percentile } from '../statistics.ts';
import { MAX_OUTLIER_EVIDENCE, PAGE_WEIGHT } from '../thresholds.ts';

/** Size of the HTML documents (bytes received, images, scripts and styles not counted). */
export const pageWeightCheck: PortalCheck = {
  key: 'page_weight',
  start() {
    const label = PORTAL_CHECK_LABELS.page_weight;
    const sizes: number[] = [];
    const heaviest = createTopList<{ url: string; bytes: number }>(
      MAX_OUTLIER_EVIDENCE,
      (page) => page.bytes,
      (page) => page.url,
    );
    return {
      add(page) {
        if (!isHtmlPage(page)) return;
        sizes.push(page.bytes);
        heaviest.offer({ url: page.url, bytes: page.bytes });
      },
      finish() {
        const medianBytes = median(sizes);
        const p90Bytes = percentile(sizes, 90);
        if (medianBytes === null || p90Bytes === null) {
          return {
            outcome: 'unknown',
            value: null,
            summary: `${label} : aucune page HTML collectée`,
            details: { pages: 0 },
            evidence: [],
          };
        }
        return {
          outcome: medianBytes > PAGE_WEIGHT.warnMedianBytes ? 'warn' : 'pass',
          value: Math.round(medianBytes),
          summary: `${label} : médiane ${formatBytes(Math.round(medianBytes))} de HTML, 90e centile ${formatBytes(p90Bytes)} (${sizes.length} pages)`,
          details: {
            medianBytes: Math.round(medianBytes),
            p90Bytes,
            pages: sizes.length,
            thresholds: PAGE_WEIGHT,
          },
          evidence: heaviest.items.map((page) => ({
            url: page.url,
            note: `Page parmi les plus lourdes : ${formatBytes(page.bytes)} de HTML`,
          })),
        };
      },
    };
  },
};
