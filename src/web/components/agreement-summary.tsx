import type { EditionAgreement } from '../../assessments/review.service.ts';
import { formatDecimal, formatInteger, formatPercent } from '../../shared/french-typography.ts';
import { TableHead } from './table-head.tsx';

/** Agreement between first and blind reviews of editions: pairs, observed agreement, Cohen's κ with its interval. */
export function AgreementTable({ rows }: { rows: readonly { year: number; agreement: EditionAgreement }[] }) {
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--m">
        Accord entre analystes par édition
      </caption>
      <TableHead
        columns={[
          'Édition',
          'Paires',
          'Accord observé',
          'Accord attendu',
          'κ de Cohen (IC 95 %)',
          'Désaccords arbitrés',
        ]}
      />
      <tbody class="govuk-table__body">
        {rows.map(({ year, agreement }) => (
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header">
              {year}
            </th>
            <td class="govuk-table__cell">{formatInteger(agreement.pairs)}</td>
            <td class="govuk-table__cell">
              {agreement.observed === null ? '—' : formatPercent(agreement.observed)}
            </td>
            <td class="govuk-table__cell">
              {agreement.expected === null ? '—' : formatPercent(agreement.expected)}
            </td>
            <td class="govuk-table__cell">
              {agreement.statistics.status === 'ok'
                ? `${formatDecimal(agreement.statistics.kappa, 2)} (${formatDecimal(agreement.statistics.ci95.lower, 2)} à ${formatDecimal(agreement.statistics.ci95.upper, 2)})`
                : agreement.statistics.message}
            </td>
            <td class="govuk-table__cell">
              {formatInteger(agreement.arbitrated)} sur {formatInteger(agreement.disagreements)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
