import type { AuditLogRow } from '../../db/schema.ts';
import { Layout, type PageChrome } from '../layout/layout.tsx';

export interface AuditLogView {
  rows: readonly AuditLogRow[];
  /** Id to ask changes older than, when there are more. */
  olderThan: number | undefined;
  /** Whether this page is not the newest one. */
  paged: boolean;
}

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'short',
  timeStyle: 'medium',
  timeZone: 'Europe/Paris',
});

export function AuditLogPage({ chrome, view }: { chrome: PageChrome; view: AuditLogView }) {
  return (
    <Layout
      chrome={chrome}
      title="Journal d’audit"
      breadcrumbs={[{ href: '/admin', label: 'Espace de gestion' }]}
    >
      <h1 class="govuk-heading-l">Journal d’audit</h1>
      <p class="govuk-body">
        Chaque changement d’état, du plus récent au plus ancien : qui, quand, quoi, avant et après.{' '}
        <a class="govuk-link" href="/admin/journal.csv" download>
          Télécharger tout le journal (CSV)
        </a>
      </p>
      {view.rows.length === 0 ? (
        <p class="govuk-body">Aucun changement enregistré.</p>
      ) : (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">Changements enregistrés</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              {['Date (heure de Paris)', 'Auteur', 'Action', 'Objet', 'Avant', 'Après'].map((h) => (
                <th scope="col" class="govuk-table__header">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {view.rows.map((row) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <time datetime={row.at}>{dateTime.format(new Date(row.at))}</time>
                </td>
                <td class="govuk-table__cell">{row.actor}</td>
                <td class="govuk-table__cell">
                  <code>{row.action}</code>
                </td>
                <td class="govuk-table__cell">
                  {row.entity} {row.entity_id}
                </td>
                <td class="govuk-table__cell bm-audit-json">
                  {row.before ? <code>{row.before}</code> : '—'}
                </td>
                <td class="govuk-table__cell bm-audit-json">{row.after ? <code>{row.after}</code> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav class="govuk-pagination" aria-label="Pages du journal">
        {view.paged ? (
          <div class="govuk-pagination__prev">
            <a class="govuk-link govuk-pagination__link" href="/admin/journal">
              <span class="govuk-pagination__link-title">Changements les plus récents</span>
            </a>
          </div>
        ) : null}
        {view.olderThan !== undefined ? (
          <div class="govuk-pagination__next">
            <a
              class="govuk-link govuk-pagination__link"
              href={`/admin/journal?avant=${view.olderThan}`}
              rel="next"
            >
              <span class="govuk-pagination__link-title">Changements plus anciens</span>
            </a>
          </div>
        ) : null}
      </nav>
    </Layout>
  );
}
