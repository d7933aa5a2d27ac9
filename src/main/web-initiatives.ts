import type { Executor } from '../db/transaction.ts';
import { shippedClassifier } from '../initiatives/classification/shipped.ts';
import { shippedTaxonomy } from '../initiatives/domains.ts';
import { listInitiatives } from '../initiatives/initiatives.repository.ts';
import {
  getInitiative,
  moderateInitiative,
  overrideDomains,
  submitInitiative,
} from '../initiatives/initiatives.service.ts';
import type { InitiativeAdminServices } from '../web/back-office-services.ts';

/** The moderation page lists at most this many waiting initiatives, oldest first. */
const PENDING_LIMIT = 100;

/** The registry's submission and moderation for the back office, over one database. */
export function buildInitiativeAdmin(db: Executor, now: () => Date): InitiativeAdminServices {
  return {
    submit: ({ suggestedDomains, ...fields }, actor) =>
      submitInitiative(
        db,
        { ...fields, submittedBy: actor, suggestedDomains },
        // The classifier trains on first use, so a server that never receives a submission never pays for it.
        { classifier: shippedClassifier(), taxonomy: shippedTaxonomy(), now: now() },
      ),
    async pending() {
      const waiting = await listInitiatives(db, { status: 'submitted' });
      const oldest = waiting.sort((a, b) => a.id - b.id).slice(0, PENDING_LIMIT);
      return Promise.all(oldest.map((initiative) => getInitiative(db, initiative.id)));
    },
    detail: (id) => getInitiative(db, id),
    moderate: (input, actor) => moderateInitiative(db, { ...input, moderator: actor }, now()),
    async overrideDomains(input, actor) {
      await overrideDomains(
        db,
        { id: input.id, domains: input.domains.join(','), analyst: actor, comment: input.comment },
        { taxonomy: shippedTaxonomy(), now: now() },
      );
    },
  };
}
