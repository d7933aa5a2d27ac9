import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Executor } from '../../db/transaction.ts';
import { loadStylesheet } from '../../web/assets/stylesheet.ts';
import { loadReportData } from './report.service.ts';
import { renderReportHtml, reportTitle } from './report-document.tsx';
import { printReportPdf } from './report-pdf.ts';

export const REPORT_FORMATS = ['html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface GeneratedReport {
  path: string;
  bytes: number;
  authorities: number;
  durationMs: number;
}

/**
 * Writes an edition's report (HTML or PDF) to `out`. The file is written beside its target
 * then renamed: a failed run (indicators not computed, Chromium missing) leaves no partial file.
 */
export async function generateReport(
  db: Executor,
  input: { year: number; format: ReportFormat; out: string; cacheDir: string; now: Date },
): Promise<GeneratedReport> {
  const started = performance.now();
  const data = await loadReportData(db, input.year, input.now);
  const { css } = await loadStylesheet({ cacheDir: input.cacheDir });
  const html = renderReportHtml(data, css);
  const content =
    input.format === 'pdf'
      ? await printReportPdf(html, { title: reportTitle(data) })
      : Buffer.from(html, 'utf8');
  await mkdir(path.dirname(input.out), { recursive: true });
  const partial = `${input.out}.${process.pid}.tmp`;
  await writeFile(partial, content);
  await rename(partial, input.out);
  return {
    path: input.out,
    bytes: content.length,
    authorities: data.authorities.length,
    durationMs: Math.round(performance.now() - started),
  };
}
