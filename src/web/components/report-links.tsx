import type { ReportFile } from '../../reports/report/report-files.ts';
import { formatDate, formatInteger } from '../../shared/french-typography.ts';

/** Links to an edition's report, in each format generated; nothing when none was. */
export function ReportLinks({ year, files }: { year: number; files: readonly ReportFile[] }) {
  if (files.length === 0) return null;
  return (
    <section aria-labelledby="rapport">
      <h2 class="govuk-heading-m" id="rapport">
        {`Le rapport de l’édition ${year}`}
      </h2>
      <ul class="govuk-list">
        {files.map((file) => (
          <li>
            <a class="govuk-link" href={`/rapport/${year}${file.format === 'pdf' ? '.pdf' : ''}`}>
              {file.format === 'pdf'
                ? `Télécharger le rapport ${year} (PDF, ${formatInteger(Math.max(1, Math.round(file.bytes / 1024)))} Ko)`
                : `Lire le rapport ${year} (page web accessible)`}
            </a>
            <span class="govuk-body-s bm-muted">{` — produit le ${formatDate(file.generatedAt)}`}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
