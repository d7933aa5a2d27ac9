import { readReportFile, reportFiles } from '../../src/reports/report/report-files.ts';
import type { WebServices } from '../../src/web/web-services.ts';

/** Text of a page with charts and tags dropped and spaces collapsed, for reading sentences and rows. */
export const pageText = (html: string): string =>
  html
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/[ \n\u00a0\u202f]+/g, ' ');

/** The web services with edition reports read from `dataDir` (as `barometre report` writes them). */
export const withReportsIn =
  (dataDir: string) =>
  (real: WebServices): WebServices => ({
    ...real,
    reports: {
      files: (year) => reportFiles(dataDir, year),
      read: (year, format) => readReportFile(dataDir, year, format),
    },
  });
