/** GOV.UK's success banner, after a form was recorded (post, redirect, get). */
export function DoneBanner({ message }: { message: string }) {
  return (
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
        <p class="govuk-notification-banner__heading">{message}</p>
      </div>
    </div>
  );
}
