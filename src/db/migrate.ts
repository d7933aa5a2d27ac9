import { type Kysely, type MigrationResultSet, Migrator } from 'kysely';
import { migrations } from '../../migrations/index.ts';
import { errorMessage, UserError } from '../shared/errors.ts';
import { applyColumnComments } from './column-comments.ts';

export interface MigrationReport {
  applied: string[];
  total: number;
}

// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema.
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'inconnue';
    throw new UserError(
      'database_unavailable',
      `Échec de la migration ${failed} : ${errorMessage(result.error)}`,
    );
  }
  await applyColumnComments(db);
  return {
    applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    total: Object.keys(migrations).length,
  };
}
