import type {
  AssessmentSource,
  AuthorityKind,
  BlindReviewRow,
  ReviewAction,
  ReviewEventRow,
} from '../db/schema.ts';
import type { Executor } from '../db/transaction.ts';
import { UserError } from '../shared/errors.ts';
import { DECISIVE_ACTIONS } from './review.rules.ts';

export interface NewReviewEvent {
  editionId: number;
  authorityId: number;
  serviceId: number;
  action: ReviewAction;
  actor: string;
  beforeAssessmentId: number | null;
  afterAssessmentId: number;
  levelBefore: number | null;
  levelAfter: number;
  comment: string | null;
  details: Record<string, unknown>;
}

export async function insertReviewEvent(
  db: Executor,
  event: NewReviewEvent,
  now: Date,
): Promise<ReviewEventRow> {
  return db
    .insertInto('review_events')
    .values({
      edition_id: event.editionId,
      authority_id: event.authorityId,
      service_id: event.serviceId,
      action: event.action,
      actor: event.actor,
      before_assessment_id: event.beforeAssessmentId,
      after_assessment_id: event.afterAssessmentId,
      level_before: event.levelBefore,
      level_after: event.levelAfter,
      comment: event.comment,
      details: JSON.stringify(event.details),
      created_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The review action that appended an assessment; undefined for the crawler's and legacy rows. */
export async function reviewActionOf(db: Executor, assessmentId: number): Promise<ReviewAction | undefined> {
  const row = await db
    .selectFrom('review_events')
    .select('action')
    .where('after_assessment_id', '=', assessmentId)
    .executeTakeFirst();
  return row?.action;
}

/** Every review action on a triple, oldest first. */
export async function reviewEventsOfTriple(
  db: Executor,
  triple: { editionId: number; authorityId: number; serviceId: number },
): Promise<ReviewEventRow[]> {
  return db
    .selectFrom('review_events')
    .selectAll()
    .where('edition_id', '=', triple.editionId)
    .where('authority_id', '=', triple.authorityId)
    .where('service_id', '=', triple.serviceId)
    .orderBy('id')
    .execute();
}

export interface ServiceOfEdition {
  id: number;
  key: string;
  name: string;
  themeKey: string;
  /** JSON array of competence kinds. */
  appliesTo: string[];
}

/** A service of the edition's referential version, by key. */
export async function findServiceByKey(
  db: Executor,
  referentialVersion: string,
  key: string,
): Promise<ServiceOfEdition | undefined> {
  const row = await db
    .selectFrom('services')
    .select(['id', 'key', 'name', 'theme_key', 'applies_to'])
    .where('referential_version', '=', referentialVersion)
    .where('key', '=', key)
    .executeTakeFirst();
  return row && toService(row);
}

export async function findServiceById(db: Executor, id: number): Promise<ServiceOfEdition | undefined> {
  const row = await db
    .selectFrom('services')
    .select(['id', 'key', 'name', 'theme_key', 'applies_to'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toService(row);
}

function toService(row: {
  id: number;
  key: string;
  name: string;
  theme_key: string;
  applies_to: string;
}): ServiceOfEdition {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    themeKey: row.theme_key,
    appliesTo: JSON.parse(row.applies_to) as string[],
  };
}

/** A service and whether the authority exercises it, or not_found for an unknown service. */
export async function serviceForAuthority(
  db: Executor,
  serviceId: number,
  authorityId: number,
): Promise<{ service: ServiceOfEdition; appliesToAuthority: boolean }> {
  const service = await findServiceById(db, serviceId);
  if (!service) throw new UserError('not_found', `Le service n° ${serviceId} n’existe pas.`);
  const competences = await competencesOfAuthority(db, authorityId);
  return { service, appliesToAuthority: service.appliesTo.some((kind) => competences.includes(kind)) };
}

export async function competencesOfAuthority(db: Executor, authorityId: number): Promise<string[]> {
  const row = await db
    .selectFrom('authorities')
    .select('competences')
    .where('id', '=', authorityId)
    .executeTakeFirst();
  return row ? (JSON.parse(row.competences) as string[]) : [];
}

export interface ReviewQueueFilters {
  editionId: number;
  themeKey?: string;
  authorityId?: number;
  /** Only detections at most this confident; not-found proposals (no confidence) are left out. */
  maxConfidence?: number;
  /** Only detections at least this confident. */
  minConfidence?: number;
  /** Only detections less confident than this (bands are half-open). */
  belowConfidence?: number;
  /** Only proposals without a confidence: services the crawler did not find. */
  withoutConfidence?: boolean;
  levels?: readonly number[];
  limit?: number;
  offset?: number;
}

/** Who and what a listed assessment is about, for queues and lists. */
export interface TripleLabels {
  authorityId: number;
  authorityKind: AuthorityKind;
  authorityCode: string;
  authorityName: string;
  serviceId: number;
  serviceKey: string;
  serviceName: string;
  themeKey: string;
  themeName: string;
}

export interface ReviewQueueItem extends TripleLabels {
  assessmentId: number;
  level: number;
  confidence: number | null;
  evidenceUrl: string | null;
  evidence: string;
  platform: string | null;
  source: AssessmentSource;
  createdAt: string;
}

function labelledCurrent(db: Executor, editionId: number) {
  return db
    .selectFrom('current_assessments as a')
    .innerJoin('authorities as au', 'au.id', 'a.authority_id')
    .innerJoin('services as s', 's.id', 'a.service_id')
    .innerJoin('themes as t', (join) =>
      join.onRef('t.key', '=', 's.theme_key').onRef('t.referential_version', '=', 's.referential_version'),
    )
    .where('a.edition_id', '=', editionId);
}

const LABEL_COLUMNS = [
  'au.id as authorityId',
  'au.kind as authorityKind',
  'au.code as authorityCode',
  'au.name as authorityName',
  's.id as serviceId',
  's.key as serviceKey',
  's.name as serviceName',
  't.key as themeKey',
  't.name as themeName',
] as const;

/** The crawler's proposals of an edition no person has reviewed yet, by authority then referential order. */
export async function reviewQueue(
  db: Executor,
  filters: ReviewQueueFilters,
): Promise<{ total: number; items: ReviewQueueItem[] }> {
  let base = labelledCurrent(db, filters.editionId).where('a.source', '=', 'crawler');
  if (filters.themeKey !== undefined) base = base.where('s.theme_key', '=', filters.themeKey);
  if (filters.authorityId !== undefined) base = base.where('a.authority_id', '=', filters.authorityId);
  if (filters.maxConfidence !== undefined) base = base.where('a.confidence', '<=', filters.maxConfidence);
  if (filters.minConfidence !== undefined) base = base.where('a.confidence', '>=', filters.minConfidence);
  if (filters.belowConfidence !== undefined) base = base.where('a.confidence', '<', filters.belowConfidence);
  if (filters.withoutConfidence) base = base.where('a.confidence', 'is', null);
  if (filters.levels && filters.levels.length > 0) base = base.where('a.level', 'in', [...filters.levels]);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  let page = base
    .select([
      ...LABEL_COLUMNS,
      'a.id as assessmentId',
      'a.level',
      'a.confidence',
      'a.evidence_url as evidenceUrl',
      'a.evidence',
      'a.platform',
      'a.source',
      'a.created_at as createdAt',
    ])
    .orderBy('au.kind')
    .orderBy('au.code')
    .orderBy('t.position')
    .orderBy('s.position');
  if (filters.limit !== undefined) page = page.limit(filters.limit).offset(filters.offset ?? 0);
  return { total: Number(total), items: await page.execute() };
}

export interface BlindCandidate extends TripleLabels {
  editionId: number;
}

/**
 * Services whose current assessment is a first analyst review by someone else, not yet
 * checked blind nor decided: what a second analyst may review. Levels are not returned.
 */
export async function blindReviewCandidates(
  db: Executor,
  input: { editionId: number; reviewer: string; limit?: number },
): Promise<BlindCandidate[]> {
  let query = labelledCurrent(db, input.editionId)
    .where('a.source', '=', 'analyst')
    .where((eb) => eb.or([eb('a.reviewer', 'is', null), eb('a.reviewer', '<>', input.reviewer)]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('blind_reviews as b').select('b.id').whereRef('b.first_assessment_id', '=', 'a.id'),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('review_events as e')
            .select('e.id')
            .whereRef('e.after_assessment_id', '=', 'a.id')
            .where('e.action', 'in', [...DECISIVE_ACTIONS]),
        ),
      ),
    )
    .select([...LABEL_COLUMNS, 'a.edition_id as editionId'])
    .orderBy('au.kind')
    .orderBy('au.code')
    .orderBy('t.position')
    .orderBy('s.position');
  if (input.limit !== undefined) query = query.limit(input.limit);
  return query.execute();
}

export async function findBlindReview(db: Executor, id: number): Promise<BlindReviewRow | undefined> {
  return db.selectFrom('blind_reviews').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function blindReviewOfFirst(
  db: Executor,
  firstAssessmentId: number,
): Promise<BlindReviewRow | undefined> {
  return db
    .selectFrom('blind_reviews')
    .selectAll()
    .where('first_assessment_id', '=', firstAssessmentId)
    .executeTakeFirst();
}

export async function insertBlindReview(
  db: Executor,
  row: Omit<BlindReviewRow, 'id' | 'created_at'>,
  now: Date,
): Promise<BlindReviewRow> {
  return db
    .insertInto('blind_reviews')
    .values({ ...row, created_at: now.toISOString() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** (first level, blind level) of every blind review of an edition. */
export async function agreementPairs(db: Executor, editionId: number): Promise<[number, number][]> {
  const rows = await db
    .selectFrom('blind_reviews as b')
    .innerJoin('assessments as f', 'f.id', 'b.first_assessment_id')
    .select(['f.level as firstLevel', 'b.level as blindLevel'])
    .where('b.edition_id', '=', editionId)
    .orderBy('b.id')
    .execute();
  return rows.map((row) => [row.firstLevel, row.blindLevel]);
}

export interface DoubleReview extends TripleLabels {
  blindReviewId: number;
  firstAssessmentId: number;
  firstLevel: number;
  firstReviewer: string | null;
  firstComment: string | null;
  blindLevel: number;
  blindReviewer: string;
  blindComment: string | null;
  blindEvidenceUrl: string | null;
  arbitrationId: number | null;
  arbiter: string | null;
  arbitratedLevel: number | null;
  arbitrationComment: string | null;
}

/** Blind reviews of an edition that disagree with their first review, with any arbitration. */
export async function disagreementsOfEdition(
  db: Executor,
  input: { editionId: number; pendingOnly?: boolean },
): Promise<DoubleReview[]> {
  let query = db
    .selectFrom('blind_reviews as b')
    .innerJoin('assessments as f', 'f.id', 'b.first_assessment_id')
    .innerJoin('authorities as au', 'au.id', 'b.authority_id')
    .innerJoin('services as s', 's.id', 'b.service_id')
    .innerJoin('themes as t', (join) =>
      join.onRef('t.key', '=', 's.theme_key').onRef('t.referential_version', '=', 's.referential_version'),
    )
    .leftJoin('arbitrations as r', 'r.blind_review_id', 'b.id')
    .where('b.edition_id', '=', input.editionId)
    .whereRef('f.level', '<>', 'b.level')
    .select([
      ...LABEL_COLUMNS,
      'b.id as blindReviewId',
      'f.id as firstAssessmentId',
      'f.level as firstLevel',
      'f.reviewer as firstReviewer',
      'f.comment as firstComment',
      'b.level as blindLevel',
      'b.reviewer as blindReviewer',
      'b.comment as blindComment',
      'b.evidence_url as blindEvidenceUrl',
      'r.id as arbitrationId',
      'r.arbiter',
      'r.level as arbitratedLevel',
      'r.comment as arbitrationComment',
    ])
    .orderBy('au.kind')
    .orderBy('au.code')
    .orderBy('t.position')
    .orderBy('s.position');
  if (input.pendingOnly) query = query.where('r.id', 'is', null);
  return query.execute();
}

export async function arbitrationOf(db: Executor, blindReviewId: number) {
  return db
    .selectFrom('arbitrations')
    .selectAll()
    .where('blind_review_id', '=', blindReviewId)
    .executeTakeFirst();
}

/**
 * Labels of the triples of many rows (contests, errata…), fetched in two queries rather than
 * joined into each list's own query, so every list labels its rows the same way.
 */
export async function labellerOf(
  db: Executor,
  rows: readonly { authority_id: number; service_id: number }[],
): Promise<(row: { authority_id: number; service_id: number }) => TripleLabels> {
  const authorityIds = [...new Set(rows.map((row) => row.authority_id))];
  const serviceIds = [...new Set(rows.map((row) => row.service_id))];
  const authorities = new Map<
    number,
    Pick<TripleLabels, 'authorityKind' | 'authorityCode' | 'authorityName'>
  >();
  const services = new Map<
    number,
    Pick<TripleLabels, 'serviceKey' | 'serviceName' | 'themeKey' | 'themeName'>
  >();
  for (const ids of chunks(authorityIds)) {
    const found = await db
      .selectFrom('authorities as au')
      .select(['au.id', 'au.kind as authorityKind', 'au.code as authorityCode', 'au.name as authorityName'])
      .where('au.id', 'in', ids)
      .execute();
    for (const { id, ...labels } of found) authorities.set(id, labels);
  }
  for (const ids of chunks(serviceIds)) {
    const found = await db
      .selectFrom('services as s')
      .innerJoin('themes as t', (join) =>
        join.onRef('t.key', '=', 's.theme_key').onRef('t.referential_version', '=', 's.referential_version'),
      )
      .select([
        's.id',
        's.key as serviceKey',
        's.name as serviceName',
        't.key as themeKey',
        't.name as themeName',
      ])
      .where('s.id', 'in', ids)
      .execute();
    for (const { id, ...labels } of found) services.set(id, labels);
  }
  return (row) => {
    const authority = authorities.get(row.authority_id);
    const service = services.get(row.service_id);
    if (!authority || !service)
      throw new Error(`No labels for authority ${row.authority_id}, service ${row.service_id}`);
    return { authorityId: row.authority_id, ...authority, serviceId: row.service_id, ...service };
  };
}

/** Bound parameters per `in (…)` list: well under SQLite's and PostgreSQL's limits. */
function* chunks<T>(values: readonly T[], size = 500): Generator<T[]> {
  for (let start = 0; start < values.length; start += size) yield values.slice(start, start + size);
}

/** Labels of one triple, for messages and lists. */
export async function tripleLabels(
  db: Executor,
  triple: { authorityId: number; serviceId: number },
): Promise<TripleLabels> {
  return db
    .selectFrom('authorities as au')
    .innerJoin('services as s', (join) => join.on('s.id', '=', triple.serviceId))
    .innerJoin('themes as t', (join) =>
      join.onRef('t.key', '=', 's.theme_key').onRef('t.referential_version', '=', 's.referential_version'),
    )
    .where('au.id', '=', triple.authorityId)
    .select([...LABEL_COLUMNS])
    .executeTakeFirstOrThrow();
}
