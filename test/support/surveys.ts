import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Mail } from '../../src/mail/mailer.ts';
import type { Answers } from '../../src/surveys/answers.rules.ts';
import type { QuestionnairePage } from '../../src/surveys/questionnaire.rules.ts';
import { csrfTokenIn } from './web-client.ts';

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

/** The fields a browser posts for one page of answers (the inverse of readPageForm). */
export function pageFormFields(page: QuestionnairePage, answers: Answers): [string, string][] {
  const fields: [string, string][] = [];
  for (const question of page.questions) {
    const value = answers[question.name];
    if (value === undefined) continue;
    if (question.type === 'matrix' && typeof value === 'object' && !Array.isArray(value)) {
      for (const [row, column] of Object.entries(value)) fields.push([`${question.name}.${row}`, column]);
    } else if (question.type === 'ranking' && Array.isArray(value)) {
      for (const [i, choice] of value.entries()) fields.push([`${question.name}.${choice}`, String(i + 1)]);
    } else if (Array.isArray(value)) {
      for (const item of value) fields.push([question.name, item]);
    } else if (typeof value === 'number') {
      fields.push([question.name, String(value).replace('.', ',')]);
    } else if (typeof value === 'string') {
      fields.push([question.name, value]);
    }
  }
  return fields;
}

export interface FormPage {
  status: number;
  html: string;
  location: string | null;
}

/**
 * A minimal browser for the survey forms, over app.request() or real HTTP: keeps cookies, posts
 * repeated fields (checkboxes) with the CSRF token of the last page it read.
 */
export function formBrowser(fetcher: (path: string, init: RequestInit) => Promise<Response>) {
  const cookies = new Map<string, string>();
  let token = '';
  async function request(path: string, init: RequestInit): Promise<FormPage> {
    const headers = new Headers(init.headers);
    if (cookies.size) headers.set('cookie', [...cookies].map(([n, v]) => `${n}=${v}`).join('; '));
    const response = await fetcher(path, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [name = '', value = ''] = (line.split(';')[0] ?? '').split('=');
      cookies.set(name.trim(), value);
    }
    const html = await response.text();
    token = csrfTokenIn(html) ?? token;
    return { status: response.status, html, location: response.headers.get('location') };
  }
  return {
    get: (path: string) => request(path, {}),
    post(path: string, fields: [string, string][]) {
      const body = new URLSearchParams([['_csrf', token], ...fields]);
      return request(path, {
        method: 'POST',
        body: body.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    },
  };
}
