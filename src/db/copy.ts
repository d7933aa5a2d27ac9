import { sql } from 'kysely';
import pg from 'pg';
import { errorMessage, UserError } from '../shared/errors.ts';
import { dependencyOrder } from './copy.rules.ts';
import { type Database, openPostgres, redactUrl } from './database.ts';
import { migrateToLatest } from './migrate.ts';

export interface CopyReport {
  target: string;
  tables: { table: string; rows: number }[];
  durationMs: number;
}

/** Rows read and written at a time: well under PostgreSQL's 65,535 parameters for any table. */
const BATCH = 500;

/**
 * Copies an embedded SQLite installation into an empty PostgreSQL database: the target is
 * migrated to the same schema, every table is copied in foreign-key order in one transaction
 * (all or nothing), and the identity sequences restart after the copied ids. A target that holds
 * any row is refused before anything is written.
 */
export async function copyToPostgres(source: Database, targetUrl: string): Promise<CopyReport> {
  if (source.engine !== 'sqlite') {
    throw new UserError(
      'input_invalid',
      'La base configurée est déjà PostgreSQL : « db copy » copie une installation SQLite embarquée vers PostgreSQL (pour PostgreSQL vers PostgreSQL, utilisez pg_dump et pg_restore).',
    );
  }
  if (!/^postgres(ql)?:\/\//.test(targetUrl)) {
    throw new UserError('input_invalid', `--to doit être une URL postgres://…, reçu « ${targetUrl} ».`);
  }
  const started = performance.now();
  const target = openPostgres(targetUrl);
  try {
    try {
      await migrateToLatest(target.db);
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw new UserError(
        'database_unavailable',
        `Base cible injoignable (${redactUrl(targetUrl)}) : ${errorMessage(error)}`,
      );
    }
    const { tables, selfReferences } = await copyableTables(targetUrl);
    for (const table of tables) {
      const rows = await countRows(target, table);
      if (rows > 0) {
        throw new UserError(
          'conflict',
          `La base cible n’est pas vide : la table ${table} contient ${rows} ligne(s). ` +
            '« db copy » ne remplit qu’une base PostgreSQL vide (créez-en une avec createdb) ; rien n’a été copié.',
        );
      }
    }
    const copied: CopyReport['tables'] = [];
    await target.db.transaction().execute(async (trx) => {
      for (const table of tables) {
        const columns = await columnsOf(trx, table);
        // A column referencing its own table (authorities.council_id) is written once every row
        // exists: rows are not stored parent first.
        const deferred = selfReferences.get(table) ?? [];
        const later: { id: unknown; column: string; value: unknown }[] = [];
        let rows = 0;
        let after = -Infinity;
        for (;;) {
          // Keyset on SQLite's rowid: constant time per batch, whatever the table's size.
          const batch = await sql<Record<string, unknown>>`select rowid as ${sql.id('__rowid')}, ${sql.join(
            columns.map((c) => sql.id(c)),
          )} from ${sql.id(table)} where rowid > ${after} order by rowid limit ${BATCH}`.execute(source.db);
          if (batch.rows.length === 0) break;
          after = Number(batch.rows.at(-1)?.__rowid);
          await sql`insert into ${sql.id(table)} (${sql.join(columns.map((c) => sql.id(c)))}) values ${sql.join(
            batch.rows.map(
              (row) =>
                sql`(${sql.join(columns.map((c) => (deferred.includes(c) ? null : (row[c] ?? null))))})`,
            ),
          )}`.execute(trx);
          for (const row of batch.rows) {
            for (const column of deferred) {
              if (row[column] != null) later.push({ id: row.id, column, value: row[column] });
            }
          }
          rows += batch.rows.length;
        }
        for (const { id, column, value } of later) {
          await sql`update ${sql.id(table)} set ${sql.id(column)} = ${value} where id = ${id}`.execute(trx);
        }
        copied.push({ table, rows });
      }
      for (const table of tables) {
        if (!(await columnsOf(trx, table)).includes('id')) continue;
        await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce(max(id), 0) + 1, false) from ${sql.id(table)}`.execute(
          trx,
        );
      }
    });
    return { target: target.location, tables: copied, durationMs: performance.now() - started };
  } finally {
    await target.close();
  }
}

/**
 * Base tables of the public schema but the migrator's own, in foreign-key order, and the columns
 * of each that reference their own table.
 */
async function copyableTables(
  url: string,
): Promise<{ tables: string[]; selfReferences: Map<string, string[]> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `select table_name as name from information_schema.tables
       where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely\\_%'`,
    );
    const references = await client.query<{ from: string; to: string; column: string }>(
      `select src.relname as from, dst.relname as to, a.attname as column from pg_constraint c
       join pg_class src on src.oid = c.conrelid join pg_class dst on dst.oid = c.confrelid
       join pg_namespace n on n.oid = src.relnamespace
       join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
       where c.contype = 'f' and n.nspname = 'public'`,
    );
    const selfReferences = new Map<string, string[]>();
    for (const ref of references.rows) {
      if (ref.from === ref.to)
        selfReferences.set(ref.from, [...(selfReferences.get(ref.from) ?? []), ref.column]);
    }
    return {
      tables: dependencyOrder(
        tables.rows.map((r) => r.name),
        references.rows,
      ),
      selfReferences,
    };
  } finally {
    await client.end();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: reads any table of the schema.
async function columnsOf(db: any, table: string): Promise<string[]> {
  const result = await sql<{ name: string }>`select column_name as name from information_schema.columns
    where table_schema = 'public' and table_name = ${table} order by ordinal_position`.execute(db);
  return result.rows.map((r) => r.name);
}

async function countRows(database: Database, table: string): Promise<number> {
  const result = await sql<{ n: number }>`select count(*) as n from ${sql.id(table)}`.execute(database.db);
  return Number(result.rows[0]?.n ?? 0);
}
