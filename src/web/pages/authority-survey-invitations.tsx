import { formatDate } from '../../shared/french-typography.ts';
import type { InvitationState } from '../../surveys/authority-invitations.ts';
import { PROFILE_LABELS } from '../../surveys/campaign.rules.ts';
import { ActionButton } from '../components/choice-fields.tsx';
import { DataTable } from '../components/data-table.tsx';
import type { InvitationsView } from '../routes/authority-survey-invitations.ts';

const STATE_LABELS: Record<InvitationState, string> = {
  not_started: 'Pas commencée',
  in_progress: 'En cours',
  submitted: 'Envoyée',
};

/** An authority's survey invitations in its space, each with a way into its questionnaire. */
export function SurveyInvitations({
  spacePath,
  invitations,
}: {
  spacePath: string;
  invitations: InvitationsView;
}) {
  return (
    <>
      <h2 class="govuk-heading-m">Enquêtes</h2>
      {invitations.items.length ? (
        <DataTable
          caption="Invitations aux enquêtes de la collectivité"
          captionClass="govuk-visually-hidden"
          rows={invitations.items}
          columns={[
            { header: 'Enquête', cell: (i) => i.campaignTitle },
            { header: 'Destinataire', cell: (i) => `${i.email} (${PROFILE_LABELS[i.profile]})` },
            { header: 'Réponse', cell: (i) => STATE_LABELS[i.state] },
            { header: 'Clôture', cell: (i) => formatDate(i.closesAt) },
            {
              header: 'Action',
              cell: (i) =>
                invitations.canAnswer && i.open && i.state !== 'submitted' ? (
                  <ActionButton
                    action={`${spacePath}/enquetes/${i.recipientId}`}
                    csrfToken={invitations.csrfToken}
                    label={i.state === 'in_progress' ? 'Reprendre le questionnaire' : 'Répondre'}
                    secondary
                  />
                ) : (
                  '—'
                ),
            },
          ]}
        />
      ) : (
        <p class="govuk-body">Aucune invitation à une enquête.</p>
      )}
    </>
  );
}
