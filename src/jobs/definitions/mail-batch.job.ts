import { z } from 'zod';
import type { JobDefinition } from '../job.types.ts';

const payload = z.object({
  /** Names the batch for good (« invitations-enquete-2026 »): a batch is sent once per key. */
  batchKey: z.string().min(1),
  mails: z.array(z.object({ to: z.string().min(3), subject: z.string().min(1), text: z.string() })).min(1),
});
export type MailBatchPayload = z.infer<typeof payload>;

/**
 * Sends a batch of e-mails (survey invitations, notices to authorities). Each e-mail sent is
 * recorded, so a batch tried again (a relay that failed halfway) sends only the rest: at most
 * the one e-mail in flight when a worker died is sent twice.
 */
export const mailBatchJob: JobDefinition<MailBatchPayload> = {
  kind: 'mail-batch',
  label: 'envoi de courriels',
  payload,
  retry: { retries: 5, delaySeconds: 60, backoff: true },
  leaseSeconds: 10 * 60,
  async run(env, job) {
    const { batchKey, mails } = job.payload;
    const sent = await env.db
      .selectFrom('mail_deliveries')
      .select('recipient')
      .where('batch_key', '=', batchKey)
      .execute();
    const done = new Set(sent.map((row) => row.recipient));
    for (const mail of mails) {
      if (done.has(mail.to)) continue;
      job.signal.throwIfAborted();
      await env.mailer.send(mail);
      await env.db
        .insertInto('mail_deliveries')
        .values({ batch_key: batchKey, recipient: mail.to, sent_at: env.now().toISOString() })
        .onConflict((oc) => oc.columns(['batch_key', 'recipient']).doNothing())
        .execute();
      done.add(mail.to);
    }
  },
};
