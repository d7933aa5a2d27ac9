/**
 * Print rules added to the site's stylesheet for the report: each chapter starts a page,
 * figures and table rows never split across pages, headings stay with what follows, tables
 * repeat their header row, and nothing interactive is printed as such (disclosures are open).
 */
export const PRINT_CSS = `
.bm-report { padding-top: 0; }
.bm-report-toc ol { columns: 1; }
.bm-findings li { margin-bottom: 0.4em; }
.bm-chart svg { max-width: 100%; height: auto; }
@media print {
  @page { size: A4; }
  html, body { background: #fff; }
  body { font-size: 11pt; }
  .govuk-width-container { margin: 0; max-width: none; }
  .bm-report-section { break-before: page; }
  h1, h2, h3, caption, .bm-chart__caption { break-after: avoid; }
  figure, .bm-chart, svg, .govuk-warning-text, .bm-findings li { break-inside: avoid; }
  tr, table { break-inside: avoid; }
  /* GOV.UK prints link targets after links: meaningless inside a standalone report. */
  a::after { content: none !important; }
  thead { display: table-header-group; }
  /* Tables fit the page width: the site's wrapper would scroll, paper clips. */
  .bm-table-wrapper { overflow: visible; }
  .govuk-table { font-size: 9.5pt; }
  .govuk-table__header, .govuk-table__cell { padding: 4px 10px 4px 0; }
  .govuk-details__summary { display: none; }
  .govuk-details__text { border-left: 0; padding-left: 0; }
  a.govuk-link { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
