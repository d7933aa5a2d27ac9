/**
 * The order in which tables can be filled without breaking a foreign key: every table after the
 * tables it references. A table referencing itself is filled in id order, which its references
 * follow. A cycle between tables (none in the schema) is an error rather than a wrong order.
 */
export function dependencyOrder(
  tables: readonly string[],
  references: readonly { from: string; to: string }[],
): string[] {
  const known = new Set(tables);
  const needs = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const { from, to } of references) {
    if (from !== to && known.has(from) && known.has(to)) needs.get(from)?.add(to);
  }
  const ordered: string[] = [];
  const done = new Set<string>();
  // Alphabetical among the ready ones: the same schema always copies in the same order.
  const pending = [...tables].sort();
  while (pending.length > 0) {
    const index = pending.findIndex((t) => [...(needs.get(t) ?? [])].every((n) => done.has(n)));
    if (index < 0) throw new Error(`cycle de clés étrangères entre : ${pending.join(', ')}`);
    const [table] = pending.splice(index, 1) as [string];
    ordered.push(table);
    done.add(table);
  }
  return ordered;
}
