import type { AuditLogRow } from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';

/**
 * The audit log of state changes (who, when, what, before and after). Services write it inside
 * the transaction of the change they log, so a change and its record commit or roll back together.
 */
export interface LoggedChange {
  actor: string;
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

export async function logChange(db: Executor, change: LoggedChange, now: Date): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: now.toISOString(),
      actor: change.actor,
      action: change.action,
      entity: change.entity,
      entity_id: String(change.entityId),
      before: change.before === undefined ? null : JSON.stringify(change.before),
      after: change.after === undefined ? null : JSON.stringify(change.after),
    })
    .execute();
}

export async function listChanges(
  db: Executor,
  filters: { entity?: string; entityId?: string; actor?: string; limit?: number; beforeId?: number } = {},
): Promise<AuditLogRow[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc');
  if (filters.entity) query = query.where('entity', '=', filters.entity);
  if (filters.entityId) query = query.where('entity_id', '=', filters.entityId);
  if (filters.actor) query = query.where('actor', '=', filters.actor);
  if (filters.beforeId) query = query.where('id', '<', filters.beforeId);
  return query.limit(filters.limit ?? 100).execute();
}
