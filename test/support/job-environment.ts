import type { CrawlerRuntime } from '../../src/crawl/crawler-runtime.ts';
import type { Database } from '../../src/db/database.ts';
import { inProcessHostLock } from '../../src/jobs/host-lock.ts';
import type { JobEnvironment, JobKind } from '../../src/jobs/job.types.ts';
import type { Mail } from '../../src/mail/mailer.ts';

export interface RecordingEnvironment extends JobEnvironment {
  /** Follow-up jobs the handlers queued. */
  queued: { kind: JobKind; payload: unknown }[];
  /** E-mails the handlers sent. */
  sent: Mail[];
}

/** What a job handler gets from a worker, with the queue and the mailer recorded instead. */
export function recordingEnvironment(
  database: Pick<Database, 'db'>,
  options: { runtime?: CrawlerRuntime; now?: Date; failMailTo?: string } = {},
): RecordingEnvironment {
  const queued: RecordingEnvironment['queued'] = [];
  const sent: Mail[] = [];
  return {
    db: database.db,
    now: () => options.now ?? new Date('2026-11-21T12:00:00Z'),
    enqueue: async (kind, payload) => {
      queued.push({ kind, payload });
    },
    hostLock: inProcessHostLock(),
    crawler: async () => {
      if (!options.runtime) throw new Error('no crawler in this test');
      return options.runtime;
    },
    detectionWorkers: 0,
    mailer: {
      async send(mail) {
        if (mail.to === options.failMailTo) throw new Error(`relais refusé pour ${mail.to}`);
        sent.push(mail);
      },
    },
    queued,
    sent,
  };
}
