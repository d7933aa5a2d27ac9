import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, DEFAULT_CHROMIUM_PATH } from '../../crawl/browser-renderer.ts';
import { escapeXml } from '../../web/charts/xml.ts';

/**
 * Prints the report's HTML to PDF with Debian's Chromium (never a downloaded browser): A4,
 * the report's title as running header, « page n sur N » in the footer. The document has no
 * external resource, so the crawler's flags (every host unresolvable) suit it unchanged.
 */
export async function printReportPdf(html: string, options: { title: string }): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath: DEFAULT_CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: `<div style="${MARGIN_TEXT}">${escapeXml(options.title)}</div>`,
      footerTemplate: `<div style="${MARGIN_TEXT} text-align: right;">Page <span class="pageNumber"></span> sur <span class="totalPages"></span></div>`,
      margin: { top: '18mm', bottom: '16mm', left: '14mm', right: '14mm' },
    });
  } finally {
    await browser.close();
  }
}

// Header and footer templates are rendered apart from the page: they need their own styles.
const MARGIN_TEXT = 'width: 100%; margin: 0 14mm; font: 8pt system-ui, sans-serif; color: #505a5f;';
