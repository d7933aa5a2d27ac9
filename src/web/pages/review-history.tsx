import type { HistoryEntry } from '../../assessments/review.service.ts';
import type { AssessmentSource, ReviewAction } from '../../db/schema.ts';
import { LevelTag } from '../components/level-tag.tsx';
import { TableHead } from '../components/table-head.tsx';

export const REVIEW_ACTION_LABELS: Record<ReviewAction, string> = {
  confirmed: 'Confirmée',
  corrected: 'Corrigée',
  evidence_added: 'Preuve ajoutée',
  evidence_replaced: 'Preuve remplacée',
  added: 'Service ajouté',
  arbitrated: 'Arbitrée',
  contest_accepted: 'Contestation acceptée',
  erratum: 'Erratum',
};

export const SOURCE_LABELS: Record<AssessmentSource, string> = {
  crawler: 'robot',
  declared: 'déclarée par la collectivité',
  analyst: 'analyste',
  survey: 'enquête',
};

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

/** The chain of one service, oldest first: who did what, when, from which level to which. */
export function ReviewHistoryTable({ history }: { history: readonly HistoryEntry[] }) {
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-visually-hidden">
        Évaluations successives, de la plus ancienne à la plus récente
      </caption>
      <TableHead columns={['N°', 'Date (heure de Paris)', 'Geste', 'Par', 'Niveau', 'Commentaire']} />
      <tbody class="govuk-table__body">
        {history.map(({ assessment, event }) => (
          <tr class="govuk-table__row">
            <td class="govuk-table__cell">{assessment.id}</td>
            <td class="govuk-table__cell">
              <time datetime={assessment.created_at}>{dateTime.format(new Date(assessment.created_at))}</time>
            </td>
            <td class="govuk-table__cell">
              {event ? REVIEW_ACTION_LABELS[event.action] : `Proposée (${SOURCE_LABELS[assessment.source]})`}
            </td>
            <td class="govuk-table__cell">{event?.actor ?? assessment.reviewer ?? 'robot'}</td>
            <td class="govuk-table__cell">
              <LevelTag level={assessment.level} />
            </td>
            <td class="govuk-table__cell">{assessment.comment ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
