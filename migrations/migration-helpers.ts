import { type CreateTableBuilder, type Kysely, SqliteAdapter } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: shared by migrations, which see the database untyped.
export function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** An auto-generated integer primary key named `id`, spelled as each engine wants it. */
export function idColumn<T extends string>(
  // biome-ignore lint/suspicious/noExplicitAny: see isSqlite.
  db: Kysely<any>,
  builder: CreateTableBuilder<T, never>,
): CreateTableBuilder<T, 'id'> {
  return isSqlite(db)
    ? builder.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    : builder.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity());
}
