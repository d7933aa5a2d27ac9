import { toCsv } from '../../shared/csv-write.ts';
import { sizeBand } from '../campaign.rules.ts';
import { allQuestions, isFreeText, type Questionnaire } from '../questionnaire.rules.ts';
import type { Respondent } from './respondents.query.ts';

/**
 * The anonymised responses file: one line per submitted response, numbered in an order that
 * says nothing of who answered first, with the authority's kind, size band and région (never
 * its code, name or the respondent's e-mail), the raking weight, and one column per answer —
 * a matrix one column per row. Free-text answers are left out: they are exported only once
 * moderated, which this version does not do.
 */
export function anonymisedResponsesCsv(
  questionnaire: Questionnaire,
  respondents: readonly Respondent[],
  weights: readonly number[] | null,
): string {
  const table = anonymisedResponses(questionnaire, respondents, weights);
  return toCsv(
    table.headers,
    table.rows.map((row) => table.headers.map((header) => row[header] ?? '')),
  );
}

/** The anonymised responses as a table: the CSV's and the XLSX's one source. */
export interface ResponsesTable {
  headers: string[];
  rows: Record<string, string | number>[];
}

export function anonymisedResponses(
  questionnaire: Questionnaire,
  respondents: readonly Respondent[],
  weights: readonly number[] | null,
): ResponsesTable {
  const columns: { header: string; value: (r: Respondent) => string | number | undefined }[] = [];
  for (const question of allQuestions(questionnaire)) {
    if (isFreeText(question)) continue;
    if (question.type === 'matrix') {
      for (const row of question.rows)
        columns.push({
          header: `${question.name}.${row.value}`,
          value: (r) => {
            const answer = r.answers[question.name];
            return typeof answer === 'object' && !Array.isArray(answer) ? answer[row.value] : undefined;
          },
        });
      continue;
    }
    columns.push({
      header: question.name,
      value: (r) => {
        const answer = r.answers[question.name];
        if (Array.isArray(answer)) return answer.join('|');
        return typeof answer === 'object' ? undefined : answer;
      },
    });
  }
  // Sorted by a key independent of submission order and of the recipient's identity.
  const order = respondents
    .map((respondent, index) => ({ respondent, index }))
    .sort((a, b) => shuffleKey(a.respondent.recipientId) - shuffleKey(b.respondent.recipientId));
  const headers = [
    'reponse',
    'type_collectivite',
    'taille',
    'region',
    'profil',
    'poids',
    ...columns.map((c) => c.header),
  ];
  const rows = order.map(({ respondent, index }, rank) => {
    const values = [
      rank + 1,
      respondent.kind,
      sizeBand(respondent.population),
      respondent.regionCode ?? '',
      respondent.profile,
      weights ? Number((weights[index] ?? 0).toFixed(6)) : '',
      ...columns.map((column) => column.value(respondent) ?? ''),
    ];
    return Object.fromEntries(headers.map((header, i) => [header, values[i] ?? '']));
  });
  return { headers, rows };
}

/** A fixed permutation of identifiers (multiplicative hash): stable, but not the insertion order. */
function shuffleKey(id: number): number {
  return Math.imul(id, 2654435761) >>> 0;
}
