import { frenchTypography } from '../../shared/french-typography.ts';
import type { FieldError } from './error-summary.tsx';
import { CsrfField } from './form-fields.tsx';

/** Hint and error of a field, and the ids they give aria-describedby. */
function FieldNotes({ id, hint, error }: { id: string; hint?: string | undefined; error?: FieldError }) {
  return (
    <>
      {hint ? (
        <div id={`${id}-hint`} class="govuk-hint">
          {frenchTypography(hint)}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">Erreur :</span> {error.message}
        </p>
      ) : null}
    </>
  );
}

const describedBy = (id: string, hint: string | undefined, error: FieldError | undefined) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

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
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={id}>
        {label}
      </label>
      <FieldNotes id={id} hint={hint} {...(error ? { error } : {})} />
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
    </div>
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
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={id}>
        {props.label}
      </label>
      <FieldNotes id={id} hint={hint} {...(error ? { error } : {})} />
      <textarea
        class={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        id={id}
        name={id}
        rows={props.rows ?? 5}
        aria-describedby={describedBy(id, hint, error)}
      >
        {props.value ?? ''}
      </textarea>
    </div>
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
