import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends e-mails; the composition root decides how. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/**
 * Writes each e-mail as an RFC 5322 file (.eml) in an outbox directory, for a relay or a person to
 * send: these machines have no mail server, and an operator's relay picks files up from there.
 */
export function outboxMailer(dir: string, from: string, now: () => Date): Mailer {
  return {
    async send(mail) {
      fs.mkdirSync(dir, { recursive: true });
      const at = now();
      const name = `${at.toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
      const encodedSubject = `=?UTF-8?B?${Buffer.from(mail.subject).toString('base64')}?=`;
      const message = [
        `From: ${from}`,
        `To: ${mail.to}`,
        `Subject: ${encodedSubject}`,
        `Date: ${at.toUTCString()}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        mail.text,
        '',
      ].join('\r\n');
      const temporary = path.join(dir, `.${name}.tmp`);
      fs.writeFileSync(temporary, message);
      fs.renameSync(temporary, path.join(dir, name));
    },
  };
}
