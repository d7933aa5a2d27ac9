import { formatDecimal, formatInteger } from '../../shared/french-typography.ts';
import { DataTable } from '../../web/components/data-table.tsx';
import type { ReportData } from './report.service.ts';
import { kindHeading } from './report-kinds.ts';
import { ReportSection } from './report-section.tsx';

/** One line per authority of the panel, by kind then rank, as stored. */
export function AnnexSection({ data }: { data: ReportData }) {
  return (
    <ReportSection name="annex">
      {data.run.aggregates.kinds.map((k) => (
        <DataTable
          caption={kindHeading(k.kind)}
          captionClass="govuk-table__caption--m"
          rows={data.authorities.filter((a) => a.kind === k.kind)}
          columns={[
            { header: 'Rang', numeric: true, cell: (a) => formatInteger(a.rank) },
            { header: 'Collectivité', cell: (a) => `${a.name} (${a.code})` },
            {
              header: 'Indice',
              numeric: true,
              cell: (a) => `${formatDecimal(a.index, 1)}${a.indexPartial ? ' *' : ''}`,
            },
            {
              header: 'Services applicables',
              numeric: true,
              cell: (a) => formatInteger(a.servicesApplicable),
            },
            {
              header: 'Thématiques couvertes',
              numeric: true,
              cell: (a) => `${formatInteger(a.themesCovered)} sur ${formatInteger(a.themesApplicable)}`,
            },
            { header: 'De bout en bout', numeric: true, cell: (a) => formatInteger(a.endToEnd) },
            {
              header: 'Portail',
              numeric: true,
              cell: (a) => (a.portalScore === null ? '—' : formatDecimal(a.portalScore, 0)),
            },
          ]}
        />
      ))}
      <p class="govuk-body-s">* Indice partiel : une composante manquait, les autres ont été repondérées.</p>
    </ReportSection>
  );
}
