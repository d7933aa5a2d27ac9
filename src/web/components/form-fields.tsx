import type { Child } from 'hono/jsx';
import { frenchTypography } from '../../shared/french-typography.ts';
import { CSRF_FIELD } from '../session/csrf.ts';
import type { FieldError } from './error-summary.tsx';

/** The hidden anti-forgery field every POST form carries (src/web/session/csrf.ts). */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

export interface TextFieldProps {
  id: string;
  label: string;
  type: 'email' | 'password' | 'text';
  autocomplete: string;
  value?: string;
  hint?: string;
  errors: readonly FieldError[];
}

/** A field's hint and error message, with the ids its input names in aria-describedby. */
export function FieldNotes({
  id,
  hint,
  error,
}: {
  id: string;
  hint?: string | undefined;
  error?: FieldError | undefined;
}) {
  return (
    <>
      {hint ? (
        <div id={`${id}-hint`} class="govuk-hint">
          {frenchTypography(hint)}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">{frenchTypography('Erreur :')}</span> {error.message}
        </p>
      ) : null}
    </>
  );
}

export const describedBy = (id: string, hint: string | undefined, error: FieldError | undefined) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** A GOV.UK form group: label, hint, error message, then the control given as children. */
export function FormGroup(props: {
  id: string;
  label: string;
  hint?: string | undefined;
  error: FieldError | undefined;
  children?: Child;
}) {
  return (
    <div class={`govuk-form-group${props.error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={props.id}>
        {props.label}
      </label>
      <FieldNotes id={props.id} hint={props.hint} error={props.error} />
      {props.children}
    </div>
  );
}

/** A labelled GOV.UK text input with its hint and its error message, if any. */
export function TextField({ id, label, type, autocomplete, value, hint, errors }: TextFieldProps) {
  const error = errors.find((e) => e.field === id);
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      <input
        class={`govuk-input govuk-!-width-two-thirds${error ? ' govuk-input--error' : ''}`}
        id={id}
        name={id}
        type={type}
        value={type === 'password' ? undefined : value}
        autocomplete={autocomplete}
        spellcheck={false}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FormGroup>
  );
}
