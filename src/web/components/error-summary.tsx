export interface FieldError {
  /** id of the field, the summary links to it. */
  field: string;
  message: string;
}

/** GOV.UK's error summary: at the top of the form, each error linking to its field. */
export function ErrorSummary({ errors }: { errors: readonly FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="govuk-error-summary">
      <div role="alert">
        <h2 class="govuk-error-summary__title">Il y a un problème</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {errors.map((error) => (
              <li>
                <a href={`#${error.field}`}>{error.message}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
