import { describe, expect, it } from 'vitest';
import { dependencyOrder } from './copy.rules.ts';

describe('dependencyOrder', () => {
  it('puts every table after the tables it references', () => {
    const order = dependencyOrder(
      ['audit_pages', 'audit_sites', 'audit_runs', 'editions'],
      [
        { from: 'audit_pages', to: 'audit_sites' },
        { from: 'audit_sites', to: 'audit_runs' },
        { from: 'audit_runs', to: 'editions' },
      ],
    );
    expect(order).toEqual(['editions', 'audit_runs', 'audit_sites', 'audit_pages']);
  });

  it('ignores a table’s references to itself and to tables outside the copy', () => {
    expect(
      dependencyOrder(
        ['b', 'a'],
        [
          { from: 'a', to: 'a' },
          { from: 'b', to: 'kysely_migration' },
        ],
      ),
    ).toEqual(['a', 'b']);
  });

  it('refuses a cycle between tables', () => {
    expect(() =>
      dependencyOrder(
        ['a', 'b'],
        [
          { from: 'a', to: 'b' },
          { from: 'b', to: 'a' },
        ],
      ),
    ).toThrow('cycle de clés étrangères entre : a, b');
  });
});
