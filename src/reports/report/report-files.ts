import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ReportFormat } from './report-generate.ts';

/**
 * Where `barometre report` writes an edition's report by default, and the files found there: the
 * public site serves these files as they are (it never renders a report itself: a full-France
 * edition's annex lists 35 000 authorities and its PDF needs Chromium, which would hold a web
 * process for tens of seconds).
 */
export const reportFileName = (year: number, format: ReportFormat) => `barometre-${year}.${format}`;

export const defaultReportPath = (dataDir: string, year: number, format: ReportFormat) =>
  path.join(dataDir, 'rapports', reportFileName(year, format));

export interface ReportFile {
  format: ReportFormat;
  bytes: number;
  generatedAt: Date;
}

/** The formats of an edition's report that were generated, HTML first. */
export async function reportFiles(dataDir: string, year: number): Promise<ReportFile[]> {
  const found: ReportFile[] = [];
  for (const format of ['html', 'pdf'] as const) {
    const info = await stat(defaultReportPath(dataDir, year, format)).catch(() => undefined);
    if (info?.isFile()) found.push({ format, bytes: info.size, generatedAt: info.mtime });
  }
  return found;
}

/** One generated report's content, or undefined when it was not generated. */
export async function readReportFile(
  dataDir: string,
  year: number,
  format: ReportFormat,
): Promise<Buffer | undefined> {
  return readFile(defaultReportPath(dataDir, year, format)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}
