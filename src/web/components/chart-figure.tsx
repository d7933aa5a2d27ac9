import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { frenchTypography } from '../../shared/french-typography.ts';

/**
 * A chart or map as a figure: a visible title, the SVG (server-rendered, with its own title
 * and description), a sentence summarising it, and the same data as a table, which is the
 * way in for anyone who does not see the chart.
 */
export function ChartFigure({
  title,
  svg,
  summary,
  table,
  className = '',
  source,
  open = false,
}: {
  title: string;
  /** SVG text from src/web/charts or src/web/map (escaped when built). */
  svg: string;
  summary: string;
  table: Child;
  className?: string;
  source?: string;
  /** Table shown unfolded: a printed report has no disclosure to click. */
  open?: boolean;
}) {
  return (
    <figure class={`bm-chart ${className}`.trim()}>
      <figcaption class="bm-chart__caption">{title}</figcaption>
      {raw(svg)}
      <p class="govuk-body bm-chart__summary">{frenchTypography(summary)}</p>
      {source ? <p class="govuk-body-s bm-muted">{frenchTypography(source)}</p> : null}
      <details class="govuk-details" open={open}>
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">Voir les données sous forme de tableau</span>
        </summary>
        <div class="govuk-details__text">{table}</div>
      </details>
    </figure>
  );
}
