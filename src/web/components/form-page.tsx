import type { Child } from 'hono/jsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';
import { ErrorSummary, type FieldError } from './error-summary.tsx';

/**
 * A page holding one form: two-thirds column, error summary first, and « Erreur : » before the
 * window title when there are errors, so screen-reader users hear it on arrival.
 */
export function FormPage(props: {
  chrome: PageChrome;
  title: string;
  errors: readonly FieldError[];
  children?: Child;
}) {
  return (
    <Layout chrome={props.chrome} title={props.errors.length ? `Erreur : ${props.title}` : props.title}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={props.errors} />
          {props.children}
        </div>
      </div>
    </Layout>
  );
}
