import { createHtmlMeasure, noHtmlPageVerdict } from '../html-pages.ts';
import { formatBytes } from '../portal.format.ts';
import { PORTAL_CHECK_LABELS, type PortalCheck } from '../portal.types.ts';
import { PAGE_WEIGHT } from '../thresholds.ts';

/** Size of the HTML documents (bytes received, images, scripts and styles not counted). */
export const pageWeightCheck: PortalCheck = {
  key: 'page_weight',
  start() {
    const label = PORTAL_CHECK_LABELS.page_weight;
    const sizes = createHtmlMeasure((page) => page.bytes);
    return {
      add: sizes.add,
      finish() {
        const stats = sizes.stats();
        if (stats === null) return noHtmlPageVerdict(label, { pages: 0 });
        const medianBytes = Math.round(stats.median);
        return {
          outcome: stats.median > PAGE_WEIGHT.warnMedianBytes ? 'warn' : 'pass',
          value: medianBytes,
          summary: `${label} : médiane ${formatBytes(medianBytes)} de HTML, 90e centile ${formatBytes(stats.p90)} (${stats.pages} pages)`,
          details: { medianBytes, p90Bytes: stats.p90, pages: stats.pages, thresholds: PAGE_WEIGHT },
          evidence: stats.largest.map((page) => ({
            url: page.url,
            note: `Page parmi les plus lourdes : ${formatBytes(page.value)} de HTML`,
          })),
        };
      },
    };
  },
};
