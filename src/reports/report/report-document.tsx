import { raw } from 'hono/html';
import { formatDate, frenchTypography } from '../../shared/french-typography.ts';
import { Wordmark } from '../../web/layout/wordmark.tsx';
import type { ReportData } from './report.service.ts';
import { CorrelationsSection, InitiativesSection, PortalSection } from './report-analysis.tsx';
import { AnnexSection } from './report-annex.tsx';
import { DistributionSection, OverviewSection, ThemesSection } from './report-overview.tsx';
import { PRINT_CSS } from './report-print-css.ts';
import { REPORT_SECTIONS, reportSectionKeys } from './report-sections.ts';
import { MethodSection, SimulatedWarning, SummarySection } from './report-summary.tsx';
import { SurveysSection } from './report-surveys.tsx';

/**
 * The edition report as one self-contained HTML document: the site's stylesheet and print
 * rules inline, charts as inline SVG, no script and no external resource, so that the file
 * opens anywhere and Chromium prints it as is. Headings, captions and tables beside every
 * chart keep it readable without the images.
 */

export function reportTitle(data: ReportData): string {
  return `Baromètre ${data.run.edition.year} — rapport de l’édition`;
}

export function renderReportHtml(data: ReportData, css: string): string {
  const title = reportTitle(data);
  const keys = reportSectionKeys({ surveys: data.surveys !== null, initiatives: data.initiatives !== null });
  const page = (
    <html lang="fr" class="govuk-template">
      <head>
        <meta charset="utf-8" />
        <title>{title}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <style>{raw(css)}</style>
        <style>{raw(PRINT_CSS)}</style>
      </head>
      <body class="govuk-template__body">
        <header class="bm-header bm-report-cover">
          <div class="govuk-width-container bm-header__container">
            <Wordmark href="#sommaire" />
          </div>
        </header>
        <main class="govuk-width-container govuk-main-wrapper bm-report" id="contenu">
          <h1 class="govuk-heading-xl">{frenchTypography(title)}</h1>
          <p class="govuk-body-l">{frenchTypography(data.run.edition.title)}</p>
          <p class="govuk-body bm-muted">
            {frenchTypography(
              `Produit le ${formatDate(data.generatedAt)} à partir des indicateurs calculés le ${formatDate(data.run.computedAt)} (méthode ${data.run.methodVersion}, référentiel ${data.run.referentialVersion}).`,
            )}
          </p>
          <SimulatedWarning sites={data.simulatedSites} />
          <nav class="bm-report-toc" aria-labelledby="sommaire">
            <h2 class="govuk-heading-m" id="sommaire">
              Sommaire
            </h2>
            <ol class="govuk-list govuk-list--number">
              {keys.map((key) => (
                <li>
                  <a class="govuk-link" href={`#section-${key}`}>
                    {REPORT_SECTIONS[key]}
                  </a>
                </li>
              ))}
            </ol>
          </nav>
          <SummarySection data={data} />
          <MethodSection data={data} />
          <OverviewSection data={data} />
          <ThemesSection data={data} />
          <DistributionSection data={data} />
          <CorrelationsSection data={data} />
          <PortalSection data={data} />
          <SurveysSection data={data} />
          <InitiativesSection data={data} />
          <AnnexSection data={data} />
        </main>
      </body>
    </html>
  );
  return `<!doctype html>${page.toString()}`;
}
