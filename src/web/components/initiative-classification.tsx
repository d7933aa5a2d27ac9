import { formatDate, formatPercent } from '../../shared/french-typography.ts';
import { DataTable } from './data-table.tsx';

/** A classification as the repository returns it: domains, main first, and the evidence stored. */
export interface ShownClassification {
  source: string;
  analyst: string | null;
  comment: string | null;
  createdAt: string;
  evidence: Record<string, unknown>;
  domains: readonly { domain: string; confidence: number | null }[];
}

/** The words that decided each domain, as the classifier stored them (none for an analyst's choice). */
function decidingWords(evidence: Record<string, unknown>, domain: string): string[] {
  const words = (evidence.words ?? {}) as Record<string, unknown>;
  const list = words[domain];
  return Array.isArray(list) ? list.filter((w): w is string => typeof w === 'string') : [];
}

/** Domain labels from keys, the key itself when the taxonomy no longer has it. */
export type DomainLabel = (key: string) => string;

/** The domains of one classification with their confidence and the words that decided them. */
export function ClassificationTable(props: {
  caption: string;
  classification: ShownClassification;
  label: DomainLabel;
}) {
  const { classification, label } = props;
  return (
    <DataTable
      caption={props.caption}
      captionClass="govuk-table__caption--s"
      rows={classification.domains}
      columns={[
        { header: 'Domaine', cell: (d) => label(d.domain) },
        {
          header: 'Confiance',
          numeric: true,
          cell: (d) => (d.confidence === null ? 'choix d’un analyste' : formatPercent(d.confidence, 0)),
        },
        {
          header: 'Mots décisifs',
          cell: (d) => decidingWords(classification.evidence, d.domain).join(', ') || '—',
        },
      ]}
    />
  );
}

/** Every classification of an initiative, oldest first: who decided, when, which domains, why. */
export function ClassificationHistory(props: {
  classifications: readonly ShownClassification[];
  label: DomainLabel;
}) {
  return (
    <DataTable
      caption="Historique du classement"
      captionClass="govuk-table__caption--s"
      rows={props.classifications}
      columns={[
        { header: 'Date', cell: (c) => formatDate(c.createdAt) },
        {
          header: 'Source',
          cell: (c) =>
            c.source === 'analyst' ? `Analyste (${c.analyst ?? '?'})` : (SOURCE_NAMES[c.source] ?? c.source),
        },
        { header: 'Domaines', cell: (c) => c.domains.map((d) => props.label(d.domain)).join(', ') },
        { header: 'Motif', cell: (c) => c.comment ?? '—' },
      ]}
    />
  );
}

const SOURCE_NAMES: Record<string, string> = {
  classifier: 'Classement automatique',
  import: 'Fichier importé',
};

/** The domains the submitter suggested, kept in the first classification's evidence. */
export function suggestedDomains(classification: ShownClassification | undefined): string[] {
  const list = classification?.evidence.suggested;
  return Array.isArray(list) ? list.filter((d): d is string => typeof d === 'string') : [];
}
