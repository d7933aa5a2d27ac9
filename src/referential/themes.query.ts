import type { Executor } from '../db/transaction.ts';

export interface ThemeSummary {
  key: string;
  name: string;
  description: string;
  services: { key: string; name: string }[];
}

/** The themes of a stored referential version, in order, each with its services in order. */
export async function themesOfReferential(db: Executor, version: string): Promise<ThemeSummary[]> {
  const themes = await db
    .selectFrom('themes')
    .select(['key', 'name', 'description'])
    .where('referential_version', '=', version)
    .orderBy('position')
    .execute();
  const services = await db
    .selectFrom('services')
    .select(['key', 'name', 'theme_key'])
    .where('referential_version', '=', version)
    .orderBy('position')
    .execute();
  return themes.map((theme) => ({
    ...theme,
    services: services.filter((s) => s.theme_key === theme.key).map(({ key, name }) => ({ key, name })),
  }));
}
