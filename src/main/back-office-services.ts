import {
  createUserWithResetLink,
  disableUserById,
  sendPasswordResetLink,
} from '../accounts/user-admin.service.ts';
import { listUsers } from '../accounts/users.repository.ts';
import {
  contestAsAuthority,
  contestsOfAuthority,
  declarableServices,
  declareService,
} from '../assessments/declarations.service.ts';
import { createBackgroundCrawls, type OpenCrawlEnvironment } from '../audits/background-crawls.ts';
import { crawlProgress } from '../audits/crawl-progress.query.ts';
import { createQueuedCrawls } from '../audits/queued-crawls.ts';
import type { Database } from '../db/database.ts';
import { computeIndicatorsAs, createEditionAs } from '../editions/edition-admin.service.ts';
import { publishEdition } from '../editions/publication.service.ts';
import type { JobQueue } from '../jobs/job.types.ts';
import type { Mailer } from '../mail/mailer.ts';
import { listStoredReferentials } from '../referential/referential.repository.ts';
import { UserError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { authoritiesByCode, authoritiesById } from '../territories/authority-refs.ts';
import { correctWebsite } from '../territories/website-correction.service.ts';
import type { BackOfficeServices } from '../web/back-office-services.ts';
import { buildInitiativeAdmin } from './web-initiatives.ts';

export interface BackOfficeOptions {
  mailer: Mailer;
  now: () => Date;
  logger: Logger;
  /** Origin of e-mailed links (config publicUrl); the request's origin when unset. */
  publicUrl?: string;
  /** Where crawls started from the web run; without it the web refuses to start one. */
  openCrawlEnvironment?: OpenCrawlEnvironment;
  /**
   * The workers' queue, on a PostgreSQL installation: crawls started from the web go there
   * instead of running in the web process. `simulated` for the fixture farm (tests).
   */
  crawlQueue?: { queue: Pick<JobQueue, 'enqueueMany'>; simulated: boolean };
}

const resetLink = (origin: string) => (token: string) =>
  new URL(`/compte/mot-de-passe?jeton=${encodeURIComponent(token)}`, origin).href;

/** Editions, authority space and accounts for the back office, over one database. */
export function buildBackOfficeServices(database: Database, options: BackOfficeOptions): BackOfficeServices {
  const { db } = database;
  const { now, mailer } = options;
  const crawls = options.crawlQueue
    ? createQueuedCrawls({ db, now, ...options.crawlQueue })
    : createBackgroundCrawls({
        db,
        now,
        logger: options.logger,
        open:
          options.openCrawlEnvironment ??
          (async () => {
            throw new UserError('conflict', 'La collecte n’est pas disponible sur ce serveur.');
          }),
      });
  const origin = (requestOrigin: string) => options.publicUrl ?? requestOrigin;

  return {
    editionAdmin: {
      referentialVersions: async () => (await listStoredReferentials(db)).map((r) => r.version),
      create: (input, actor) => createEditionAs(db, input, actor, now()),
      startCrawl: (input) => crawls.start(input),
      crawlState: (year) => crawls.state(year),
      crawlProgress: (editionId) => crawlProgress(db, editionId),
      compute: (year, actor) => computeIndicatorsAs(db, year, actor, now()),
      publish: (year, actor) => publishEdition(db, { year, publisher: actor }, now()),
      correctWebsite: (input) => correctWebsite(db, input, now()),
      stopCrawls: () => crawls.stopAll(),
    },
    authoritySpace: {
      authorities: (ids) => authoritiesById(db, ids),
      applicableServices: (authorityId, version) => declarableServices(db, authorityId, version),
      declare: (input) => declareService(db, input, now()),
      contest: (input) => contestAsAuthority(db, input, now()),
      contestsOf: (editionId, authorityId) => contestsOfAuthority(db, editionId, authorityId),
    },
    userAdmin: {
      list: () => listUsers(db),
      create: async (input, actor, requestOrigin) => ({
        id: (await createUserWithResetLink(db, mailer, input, actor, resetLink(origin(requestOrigin)), now()))
          .id,
      }),
      disable: (userId, actor) => disableUserById(db, userId, actor, now()),
      sendPasswordReset: (userId, actor, requestOrigin) =>
        sendPasswordResetLink(db, mailer, userId, actor, resetLink(origin(requestOrigin)), now()),
      authoritiesByCode: (kind, codes) => authoritiesByCode(db, kind, codes),
    },
    initiativeAdmin: buildInitiativeAdmin(db, now),
  };
}
