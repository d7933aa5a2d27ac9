import path from 'node:path';
import { normaliseEmail } from '../accounts/accounts.rules.ts';
import { logChange } from '../audit-log/audit-log.repository.ts';
import type { AuthorityKind, SurveyProfile } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { type CsvRow, findHeader } from '../shared/csv.ts';
import {
  type AuthorityColumns,
  type AuthorityRecord,
  findAuthorityColumns,
  findDuplicateRecords,
  type LayoutDetection,
  missingColumns,
  type RowOutcome,
  type RowProblem,
  resolveRowAuthority,
} from '../territories/authority-columns.ts';
import { importAuthorityFile } from '../territories/authority-file-import.ts';
import type { AuthorityLookup } from '../territories/authority-lookup.ts';
import { parseProfile } from './campaign.rules.ts';
import { getCampaign, insertRecipients } from './campaigns.repository.ts';

/**
 * Recipients of a campaign from a CSV file (authority code, e-mail, profile), all or nothing
 * with every problem located (the authority-file skeleton of the territories imports).
 * Recipients already in the campaign are skipped, so re-running an import adds nothing.
 */

const EMAIL_ALIASES = ['Courriel', 'E-mail', 'Email', 'Adresse électronique', 'Mail'];
const PROFILE_ALIASES = ['Profil', 'Profile', 'Qualité'];

interface RecipientsLayout {
  authority: AuthorityColumns;
  email: string;
  profile?: string;
}

interface RecipientRecord extends AuthorityRecord {
  email: string;
  profile: SurveyProfile;
}

export interface RecipientsImportReport {
  file: string;
  rows: number;
  added: number;
  alreadyPresent: number;
}

function detectLayout(headers: readonly string[]): LayoutDetection<RecipientsLayout> {
  const authority = findAuthorityColumns(headers);
  const email = findHeader(headers, EMAIL_ALIASES);
  const profile = findHeader(headers, PROFILE_ALIASES);
  if (!authority || email === undefined) {
    return missingColumns(
      [
        authority ? undefined : 'le code de la collectivité (Code Insee, Siren, Code…)',
        email === undefined ? `le courriel (${EMAIL_ALIASES.join(', ')})` : undefined,
      ].filter((part) => part !== undefined),
      headers,
    );
  }
  return { ok: true, layout: { authority, email, ...(profile === undefined ? {} : { profile }) } };
}

function readRow(
  row: CsvRow,
  layout: RecipientsLayout,
  lookup: AuthorityLookup,
  defaultProfile: SurveyProfile | undefined,
  defaultKind: AuthorityKind | undefined,
): RowOutcome<RecipientRecord> {
  const problems: RowProblem[] = [];
  const authority = resolveRowAuthority(row, layout.authority, lookup, defaultKind);
  if (!authority.ok) problems.push(authority.problem);
  const rawEmail = row.values[layout.email] ?? '';
  const email = normaliseEmail(rawEmail);
  if (!email)
    problems.push({
      column: layout.email,
      message: rawEmail === '' ? 'courriel manquant' : `« ${rawEmail} » n’est pas une adresse électronique`,
    });
  const rawProfile = layout.profile === undefined ? '' : (row.values[layout.profile] ?? '');
  const profile = rawProfile === '' ? defaultProfile : parseProfile(rawProfile);
  if (!profile)
    problems.push({
      column: layout.profile ?? 'Profil',
      message:
        rawProfile === ''
          ? 'profil manquant (agent, élu ou collectivité ; ou --profile pour tout le fichier)'
          : `profil « ${rawProfile} » inconnu : agent, élu ou collectivité`,
    });
  if (!authority.ok || !email || !profile) return { status: 'invalid', problems };
  return {
    status: 'valid',
    record: { line: row.line, authority: authority.authority, codeColumn: authority.column, email, profile },
  };
}

export async function importRecipients(
  db: Executor,
  slug: string,
  file: string,
  options: { now: Date; actor: string; profile?: SurveyProfile; kind?: AuthorityKind },
): Promise<RecipientsImportReport> {
  const campaign = await getCampaign(db, slug);
  return importAuthorityFile(db, file, {
    subject: 'des destinataires',
    detectLayout,
    readRow: (row, layout, lookup) => readRow(row, layout, lookup, options.profile, options.kind),
    findDuplicates: (records) =>
      findDuplicateRecords(
        records,
        (r) => `${r.authority.id}\u0000${r.email}`,
        (r) => `courriel ${r.email}`,
      ),
    write: async (trx, { records }) => {
      const added = await insertRecipients(
        trx,
        campaign.id,
        records.map((r) => ({ authorityId: r.authority.id, email: r.email, profile: r.profile })),
        options.now,
      );
      const report = { file, rows: records.length, added, alreadyPresent: records.length - added };
      if (added > 0)
        await logChange(
          trx,
          {
            actor: options.actor,
            action: 'survey_recipients_imported',
            entity: 'survey_campaign',
            entityId: slug,
            after: { ...report, file: path.basename(file) },
          },
          options.now,
        );
      return report;
    },
  });
}
