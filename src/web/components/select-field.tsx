import type { Child } from 'hono/jsx';

/** A labelled select of a GET filter form; its name is its id. */
export function Select({ id, label, children }: { id: string; label: string; children: Child }) {
  return (
    <div class="govuk-form-group">
      <label class="govuk-label" for={id}>
        {label}
      </label>
      <select class="govuk-select" id={id} name={id}>
        {children}
      </select>
    </div>
  );
}

/** An option, selected when it is the current value ('' for « all »). */
export const option = (value: string, label: string, current: string | undefined) => (
  <option value={value} selected={value === (current ?? '')}>
    {label}
  </option>
);
