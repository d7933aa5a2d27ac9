/** A GOV.UK table's header row from its column titles. */
export function TableHead({ columns }: { columns: readonly string[] }) {
  return (
    <thead class="govuk-table__head">
      <tr class="govuk-table__row">
        {columns.map((title) => (
          <th scope="col" class="govuk-table__header">
            {title}
          </th>
        ))}
      </tr>
    </thead>
  );
}
