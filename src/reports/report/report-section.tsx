import type { Child } from 'hono/jsx';
import { REPORT_SECTIONS, type ReportSectionKey } from './report-sections.ts';

/** A numbered chapter of the report: its anchor is the table of contents' link target. */
export function ReportSection({ name, children }: { name: ReportSectionKey; children?: Child }) {
  return (
    <section class="bm-report-section" aria-labelledby={`section-${name}`}>
      <h2 class="govuk-heading-l" id={`section-${name}`}>
        {REPORT_SECTIONS[name]}
      </h2>
      {children}
    </section>
  );
}
