import { frenchTypography } from '../../shared/french-typography.ts';
import type { FieldError } from './error-summary.tsx';
import { CsrfField, describedBy, FieldNotes, FormGroup } from './form-fields.tsx';

export interface SelectFieldProps {
  id: string;
  label: string;
  options: readonly { value: string; label: string; group?: string }[];
  value?: string | undefined;
  hint?: string;
  errors: readonly FieldError[];
}

/** A labelled GOV.UK select; options sharing a `group` go under one optgroup, in order. */
export function SelectField({ id, label, options, value, hint, errors }: SelectFieldProps) {
  const error = errors.find((e) => e.field === id);
  const groups: { name: string | undefined; options: SelectFieldProps['options'][number][] }[] = [];
  for (const option of options) {
    const last = groups.at(-1);
    if (last && last.name === option.group) last.options.push(option);
    else groups.push({ name: option.group, options: [option] });
  }
  const render = (option: SelectFieldProps['options'][number]) => (
    <option value={option.value} selected={option.value === value}>
      {option.label}
    </option>
  );
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      <select
        class={`govuk-select${error ? ' govuk-select--error' : ''}`}
        id={id}
        name={id}
        aria-describedby={describedBy(id, hint, error)}
      >
        {groups.map((group) =>
          group.name ? (
            <optgroup label={group.name}>{group.options.map(render)}</optgroup>
          ) : (
            group.options.map(render)
          ),
        )}
      </select>
    </FormGroup>
  );
}

/** A labelled GOV.UK textarea with its hint and error. */
export function TextareaField(props: {
  id: string;
  label: string;
  value?: string;
  hint?: string;
  rows?: number;
  errors: readonly FieldError[];
}) {
  const { id, hint } = props;
  const error = props.errors.find((e) => e.field === id);
  return (
    <FormGroup id={id} label={props.label} hint={hint} error={error}>
      <textarea
        class={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        id={id}
        name={id}
        rows={props.rows ?? 5}
        aria-describedby={describedBy(id, hint, error)}
      >
        {props.value ?? ''}
      </textarea>
    </FormGroup>
  );
}

/** A one-button form: the action it posts to, with the session's CSRF token. */
export function ActionButton(props: {
  action: string;
  csrfToken: string;
  label: string;
  fields?: Record<string, string>;
  secondary?: boolean;
  warning?: boolean;
}) {
  const variant = props.warning
    ? ' govuk-button--warning'
    : props.secondary
      ? ' govuk-button--secondary'
      : '';
  return (
    <form action={props.action} method="post" class="bm-inline-form">
      <CsrfField token={props.csrfToken} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={`govuk-button${variant}`}>
        {props.label}
      </button>
    </form>
  );
}

/** A success or information banner at the top of a page. */
export function NoticeBanner({
  title,
  message,
  success,
}: {
  title: string;
  message: string;
  success?: boolean;
}) {
  return (
    <div
      class={`govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`}
      role="alert"
    >
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title">{title}</h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">{frenchTypography(message)}</p>
      </div>
    </div>
  );
}

/** One problem stated above the page's content, for forms of a single button. */
export function ProblemBanner({ message }: { message: string }) {
  return (
    <div class="govuk-error-summary" role="alert">
      <h2 class="govuk-error-summary__title">Il y a un problème</h2>
      <p class="govuk-body govuk-!-margin-bottom-0">{frenchTypography(message)}</p>
    </div>
  );
}

/** GOV.UK's summary list of key and value rows. */
export function SummaryList({ rows }: { rows: readonly (readonly [string, unknown])[] }) {
  return (
    <dl class="govuk-summary-list">
      {rows.map(([key, value]) => (
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{key}</dt>
          <dd class="govuk-summary-list__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A GOV.UK fieldset of checkboxes: the first box carries the field's id, for the error summary's link. */
export function CheckboxesField(props: {
  id: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  checked: readonly string[];
  hint?: string;
  errors: readonly FieldError[];
}) {
  const { id, hint } = props;
  const error = props.errors.find((e) => e.field === id);
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{props.legend}</legend>
        <FieldNotes id={id} hint={hint} error={error} />
        <div class="govuk-checkboxes govuk-checkboxes--small">
          {props.options.map((option, index) => {
            const inputId = index === 0 ? id : `${id}-${index + 1}`;
            return (
              <div class="govuk-checkboxes__item">
                <input
                  class="govuk-checkboxes__input"
                  id={inputId}
                  name={id}
                  type="checkbox"
                  value={option.value}
                  checked={props.checked.includes(option.value)}
                />
                <label class="govuk-label govuk-checkboxes__label" for={inputId}>
                  {option.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
