import type { CreateTableBuilder, Kysely } from 'kysely';
import { isSqlite } from '../src/db/dialect.ts';

/** An auto-generated integer primary key named `id`, spelled as each engine wants it. */
export function idColumn<T extends string>(
  // biome-ignore lint/suspicious/noExplicitAny: migrations see the database untyped.
  db: Kysely<any>,
  builder: CreateTableBuilder<T, never>,
): CreateTableBuilder<T, 'id'> {
  return isSqlite(db)
    ? builder.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    : builder.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity());
}
