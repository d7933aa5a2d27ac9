import type { Child } from 'hono/jsx';

export interface Column<Row> {
  header: string;
  /** Figures align right, in tabular digits. */
  numeric?: boolean;
  cell(row: Row): Child;
  /** Content of the header cell in place of the text (a sort link); `header` still names the column. */
  headerCell?: Child;
  /** The column the rows are sorted by, and which way. */
  sorted?: 'ascending' | 'descending';
}

/**
 * An accessible table: a caption naming it, column headers with scope, and the first cell of
 * each row as its row header. Wide tables scroll inside their own box on small screens.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  captionClass = 'govuk-table__caption--m',
  rowHeader = 0,
  className = '',
}: {
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  captionClass?: string;
  /** The column whose cell heads each row (the first, unless the first is a rank). */
  rowHeader?: number;
  className?: string;
}) {
  return (
    <div class="bm-table-wrapper">
      <table class={`govuk-table ${className}`.trim()}>
        <caption class={`govuk-table__caption ${captionClass}`}>{caption}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {columns.map((column) => (
              <th
                scope="col"
                class={`govuk-table__header${column.numeric ? ' govuk-table__header--numeric' : ''}`}
                aria-sort={column.sorted}
              >
                {column.headerCell ?? column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {rows.map((row) => (
            <tr class="govuk-table__row">
              {columns.map((column, index) =>
                index === rowHeader ? (
                  <th scope="row" class="govuk-table__header">
                    {column.cell(row)}
                  </th>
                ) : (
                  <td class={`govuk-table__cell${column.numeric ? ' govuk-table__cell--numeric' : ''}`}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
