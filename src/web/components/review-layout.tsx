import type { Child } from 'hono/jsx';
import { Layout, type PageChrome } from '../layout/layout.tsx';
import type { Crumb } from './breadcrumbs.tsx';
import { ErrorSummary, type FieldError } from './error-summary.tsx';

const BACK_OFFICE: readonly Crumb[] = [{ href: '/admin', label: 'Espace de gestion' }];

/**
 * The frame of a review screen: « Erreur : » before the window title and the error summary
 * first when a form was refused, GOV.UK's success banner after one was recorded (post, redirect,
 * get), then the caption and the heading.
 */
export function ReviewLayout(props: {
  chrome: PageChrome;
  title: string;
  caption: string;
  errors: readonly FieldError[];
  done?: string | undefined;
  breadcrumbs?: readonly Crumb[];
  children?: Child;
}) {
  return (
    <Layout
      chrome={props.chrome}
      title={props.errors.length ? `Erreur : ${props.title}` : props.title}
      breadcrumbs={props.breadcrumbs ?? BACK_OFFICE}
    >
      <ErrorSummary errors={props.errors} />
      {props.done ? (
        <div
          class="govuk-notification-banner govuk-notification-banner--success"
          role="status"
          aria-labelledby="bilan-titre"
        >
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id="bilan-titre">
              Fait
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            <p class="govuk-notification-banner__heading">{props.done}</p>
          </div>
        </div>
      ) : null}
      <span class="govuk-caption-l">{props.caption}</span>
      <h1 class="govuk-heading-l">{props.title}</h1>
      {props.children}
    </Layout>
  );
}
