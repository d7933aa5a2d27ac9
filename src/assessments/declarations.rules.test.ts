import { describe, expect, it } from 'vitest';
import { refuseDeclaration } from './declarations.rules.ts';

const draft = { year: 2026, status: 'draft' as const };
const base = {
  edition: draft,
  current: undefined,
  serviceAppliesToAuthority: true,
  level: 3 as const,
  evidenceUrl: 'https://www.ain.fr/apa',
};
const crawler = (level: number) => ({ id: 7, level, source: 'crawler' as const, reviewer: null });

describe('declaring a service the crawler missed', () => {
  it('accepts a service with no assessment, or one the crawler proposed at a lower level', () => {
    expect(refuseDeclaration(base)).toBeUndefined();
    expect(refuseDeclaration({ ...base, current: crawler(0) })).toBeUndefined();
    expect(refuseDeclaration({ ...base, current: crawler(2) })).toBeUndefined();
  });

  it('refuses on a published edition', () => {
    expect(refuseDeclaration({ ...base, edition: { year: 2026, status: 'published' } })?.code).toBe(
      'edition_published',
    );
  });

  it('refuses a service the authority does not exercise, level 0, or no proof page', () => {
    expect(refuseDeclaration({ ...base, serviceAppliesToAuthority: false })?.code).toBe('not_applicable');
    expect(refuseDeclaration({ ...base, level: 0 })?.code).toBe('level_invalid');
    expect(refuseDeclaration({ ...base, evidenceUrl: undefined })?.code).toBe('evidence_invalid');
  });

  it('sends what was already declared, reviewed or found as high to a contest instead', () => {
    const declared = { id: 8, level: 2, source: 'declared' as const, reviewer: null };
    const analyst = { id: 9, level: 1, source: 'analyst' as const, reviewer: 'a@b.fr' };
    expect(refuseDeclaration({ ...base, current: declared })?.code).toBe('already_assessed');
    expect(refuseDeclaration({ ...base, current: analyst })?.code).toBe('already_reviewed');
    expect(refuseDeclaration({ ...base, current: crawler(3) })?.code).toBe('same_level');
  });
});
