import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Mail } from '../../src/mail/mailer.ts';

/** The token of the survey link an invitation or reminder e-mail carries. */
export function linkIn(mail: Mail | string | undefined): string {
  const text = typeof mail === 'string' ? mail : mail?.text;
  const token = text?.match(/\/enquete\/([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error('no survey link in the e-mail');
  return token;
}

/** A recipients CSV file in a fresh temporary directory. */
export function recipientsCsv(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barometre-survey-'));
  const file = path.join(dir, 'destinataires.csv');
  fs.writeFileSync(file, text);
  return file;
}

/** Every survey table, children first, for tests that empty them between cases. */
export const SURVEY_TABLES = [
  'survey_link_attempts',
  'survey_answers',
  'survey_links',
  'survey_recipients',
  'survey_campaigns',
  'survey_questionnaires',
] as const;
