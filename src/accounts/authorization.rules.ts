import type { UserRole } from '../db/schema.ts';

/**
 * Who may do what, in one place (docs/access-control.md). Pure: every route and every mutating
 * call asks one of these, with the signed-in user (or null for the public) and the resource.
 */
export interface Actor {
  id: number;
  role: UserRole;
  /** Authorities a representative speaks for; empty for other roles. */
  authorityIds: readonly number[];
}

type Viewer = Actor | null;

const isAdmin = (user: Viewer) => user?.role === 'admin';
const isStaff = (user: Viewer) => user?.role === 'admin' || user?.role === 'analyst';
const representsAuthority = (user: Viewer, authorityId: number) =>
  user?.role === 'authority' && user.authorityIds.includes(authorityId);

/** Back office home: anyone signed in. */
export const canEnterBackOffice = (user: Viewer): boolean => user !== null;
/** Review queue, confirm/correct/add, blind review. */
export const canReviewAssessments = (user: Viewer): boolean => isStaff(user);
/** Arbitrate a double-review disagreement. */
export const canArbitrate = (user: Viewer): boolean => isStaff(user);
/** Decide an authority's contest. */
export const canDecideContests = (user: Viewer): boolean => isStaff(user);
/** Create editions, start crawls, compute, fix websites. */
export const canManageEditions = (user: Viewer): boolean => isAdmin(user);
/** Publish (freeze) an edition, record an erratum. */
export const canPublishEditions = (user: Viewer): boolean => isAdmin(user);
export const canManageUsers = (user: Viewer): boolean => isAdmin(user);
export const canViewAuditLog = (user: Viewer): boolean => isAdmin(user);
export const canManageSurveys = (user: Viewer): boolean => isAdmin(user);
export const canModerateInitiatives = (user: Viewer): boolean => isStaff(user);
/** An authority's space: its scorecard before publication, its website, its declarations and contests. */
export const canActForAuthority = (user: Viewer, authorityId: number): boolean =>
  representsAuthority(user, authorityId) || isAdmin(user);
/** Unpublished figures of an authority: its own representatives and the staff. */
export const canPreviewAuthority = (user: Viewer, authorityId: number): boolean =>
  representsAuthority(user, authorityId) || isStaff(user);

// Editions, authority space, users
/** Scorecards and rankings of an edition before its publication. */
export const canPreviewEditions = (user: Viewer): boolean => isStaff(user);
/**
 * The authority space: representatives (each route then asks canActForAuthority for the
 * authority in its address) and administrators, who may act for any authority.
 */
export const canEnterAuthoritySpace = (user: Viewer): boolean => user?.role === 'authority' || isAdmin(user);

// Surveys
/**
 * Open an authority's survey invitation (a fresh link to its response) from its space: its own
 * representatives only. Administrators see the invitations but never answer in its name.
 */
export const canAnswerSurveysFor = (user: Viewer, authorityId: number): boolean =>
  representsAuthority(user, authorityId);
/** The route opening an invitation: representatives only; it then asks canAnswerSurveysFor. */
export const canAnswerSurveys = (user: Viewer): boolean => user?.role === 'authority';
