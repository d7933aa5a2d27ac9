import type { AuthorityKind } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { UserError } from '../shared/errors.ts';
import { importAuthorityFile } from '../territories/authority-file-import.ts';
import { emailOrProblem, initiativeIdentity } from './initiative.rules.ts';
import {
  appendClassification,
  insertInitiative,
  insertModeration,
  storedInitiativeKeys,
} from './initiatives.repository.ts';
import { type ClassifierDeps, recordClassifierProposal } from './initiatives.service.ts';
import {
  detectInitiativesLayout,
  findDuplicateInitiatives,
  readInitiativeRow,
} from './initiatives-import.rules.ts';

export interface InitiativesImportOptions extends ClassifierDeps {
  now: Date;
  /** E-mail of whoever imports: recorded as submitter and, unless `pending`, as moderator. */
  by: string;
  /** Leave the imported initiatives waiting for moderation instead of publishing them. */
  pending?: boolean;
  kind?: AuthorityKind;
}

export interface InitiativesImportReport {
  file: string;
  rows: number;
  added: number;
  /** Rows naming an initiative already in the registry (same authority, year and title). */
  alreadyPresent: number;
  /** Added rows whose domains the file gave; the others were classified automatically. */
  domainsFromFile: number;
  published: boolean;
}

/**
 * Imports initiatives from a CSV file, all or nothing (the authority-file skeleton of the
 * territories imports): every row is checked, and one bad row rejects the file with every
 * problem located. Rows already in the registry are skipped, so re-running an import adds
 * nothing. Domains given by the file are kept as the classification (source « import »);
 * otherwise the classifier proposes them.
 */
export async function importInitiatives(
  db: Executor,
  file: string,
  options: InitiativesImportOptions,
): Promise<InitiativesImportReport> {
  const by = emailOrProblem(options.by, '--by');
  if (!by.ok) throw new UserError('input_invalid', by.message);
  return importAuthorityFile(db, file, {
    subject: 'des initiatives',
    detectLayout: detectInitiativesLayout,
    readRow: (row, layout, lookup) =>
      readInitiativeRow(row, layout, lookup, options.taxonomy, options.now, options.kind),
    findDuplicates: findDuplicateInitiatives,
    write: async (trx, { label, records }) => {
      const stored = new Set(
        (await storedInitiativeKeys(trx)).map((key) =>
          initiativeIdentity(key.authorityId, key.year, key.title),
        ),
      );
      const report: InitiativesImportReport = {
        file,
        rows: records.length,
        added: 0,
        alreadyPresent: 0,
        domainsFromFile: 0,
        published: !options.pending,
      };
      for (const record of records) {
        if (stored.has(initiativeIdentity(record.authority.id, record.fields.year, record.fields.title))) {
          report.alreadyPresent++;
          continue;
        }
        const id = await insertInitiative(
          trx,
          {
            ...record.fields,
            authorityId: record.authority.id,
            source: `import:${label}`,
            submittedBy: by.email,
          },
          options.now,
        );
        if (record.domains) {
          report.domainsFromFile++;
          await appendClassification(
            trx,
            {
              initiativeId: id,
              source: 'import',
              domains: record.domains.map((domain) => ({ domain, confidence: null })),
              evidence: { file: label, line: record.line },
            },
            options.now,
            { firstOfNew: true },
          );
        } else {
          await recordClassifierProposal(trx, id, record.fields, options, options.now);
        }
        if (!options.pending) {
          await insertModeration(
            trx,
            { initiativeId: id, decision: 'published', moderator: by.email, reason: `import de ${label}` },
            options.now,
          );
        }
        report.added++;
      }
      return report;
    },
  });
}
