import { describe, expect, it } from 'vitest';
import {
  type Actor,
  canActForAuthority,
  canAnswerSurveys,
  canAnswerSurveysFor,
  canArbitrate,
  canDecideContests,
  canEnterAuthoritySpace,
  canEnterBackOffice,
  canManageEditions,
  canManageSurveys,
  canManageUsers,
  canModerateInitiatives,
  canPreviewAuthority,
  canPreviewEditions,
  canPublishEditions,
  canReviewAssessments,
  canViewAuditLog,
} from './authorization.rules.ts';

const admin: Actor = { id: 1, role: 'admin', authorityIds: [] };
const analyst: Actor = { id: 2, role: 'analyst', authorityIds: [] };
const ain: Actor = { id: 3, role: 'authority', authorityIds: [10] };
const aisne: Actor = { id: 4, role: 'authority', authorityIds: [20, 21] };

describe('authorisation rules', () => {
  const roleRules = {
    canEnterBackOffice: [canEnterBackOffice, ['admin', 'analyst', 'ain']],
    canReviewAssessments: [canReviewAssessments, ['admin', 'analyst']],
    canArbitrate: [canArbitrate, ['admin', 'analyst']],
    canDecideContests: [canDecideContests, ['admin', 'analyst']],
    canModerateInitiatives: [canModerateInitiatives, ['admin', 'analyst']],
    canManageEditions: [canManageEditions, ['admin']],
    canPublishEditions: [canPublishEditions, ['admin']],
    canManageUsers: [canManageUsers, ['admin']],
    canViewAuditLog: [canViewAuditLog, ['admin']],
    canManageSurveys: [canManageSurveys, ['admin']],
    // Editions, authority space, users
    canPreviewEditions: [canPreviewEditions, ['admin', 'analyst']],
    canEnterAuthoritySpace: [canEnterAuthoritySpace, ['admin', 'ain']],
    // Surveys
    canAnswerSurveys: [canAnswerSurveys, ['ain']],
  } as const;
  const people = { public: null, admin, analyst, ain } as const;

  for (const [name, [rule, allowed]] of Object.entries(roleRules)) {
    it(`${name} allows exactly ${allowed.join(', ')}`, () => {
      const granted = Object.entries(people)
        .filter(([, person]) => rule(person))
        .map(([who]) => who);
      expect(granted).toEqual(allowed);
    });
  }

  it('a representative acts only for the authorities bound to the account; an administrator for any', () => {
    expect(canActForAuthority(ain, 10)).toBe(true);
    expect(canActForAuthority(ain, 20)).toBe(false);
    expect(canActForAuthority(aisne, 21)).toBe(true);
    expect(canActForAuthority(admin, 20)).toBe(true);
    expect(canActForAuthority(analyst, 10)).toBe(false);
    expect(canActForAuthority(null, 10)).toBe(false);
  });

  it('unpublished figures of an authority are visible to its representatives and the staff only', () => {
    expect(canPreviewAuthority(ain, 10)).toBe(true);
    expect(canPreviewAuthority(aisne, 10)).toBe(false);
    expect(canPreviewAuthority(analyst, 10)).toBe(true);
    expect(canPreviewAuthority(null, 10)).toBe(false);
  });

  // Surveys
  it('only an authority’s own representatives open its survey invitations, not even an administrator', () => {
    expect(canAnswerSurveysFor(ain, 10)).toBe(true);
    expect(canAnswerSurveysFor(ain, 20)).toBe(false);
    expect(canAnswerSurveysFor(aisne, 21)).toBe(true);
    expect(canAnswerSurveysFor(admin, 10)).toBe(false);
    expect(canAnswerSurveysFor(analyst, 10)).toBe(false);
    expect(canAnswerSurveysFor(null, 10)).toBe(false);
  });
});
