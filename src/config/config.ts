import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../shared/errors.ts';

// "true"/"false"/"1"/"0" only: z.coerce.boolean() would read "false" as true.
const booleanSetting = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/**
 * The one place where the environment is read. Every setting has a field name, the
 * environment variable that sets it and a default; the whole config is parsed once at start
 * and an invalid value stops the program with a message naming the variable.
 */
const settings = {
  dataDir: {
    env: 'BAROMETRE_DATA_DIR',
    description: 'Dossier des données locales (fichier SQLite, caches)',
    schema: z.string().min(1).default('./data'),
  },
  databaseUrl: {
    env: 'DATABASE_URL',
    description: 'URL PostgreSQL (postgres://…) ; absente : SQLite embarqué dans le dossier des données',
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'doit commencer par postgres:// ou postgresql://')
      .optional(),
  },
  port: {
    env: 'PORT',
    description: 'Port HTTP du serveur web',
    schema: z.coerce.number().int().min(1).max(65535).default(3000),
  },
  publicUrl: {
    env: 'BAROMETRE_PUBLIC_URL',
    description: 'Adresse publique du site (liens des courriels), par exemple https://barometre.example.org',
    schema: z.url({ protocol: /^https?$/ }).optional(),
  },
  mailFrom: {
    env: 'BAROMETRE_MAIL_FROM',
    description: 'Expéditeur des courriels (réinitialisation de mot de passe, invitations)',
    schema: z.string().min(3).default('Baromètre <ne-pas-repondre@barometre.invalid>'),
  },
  webTls: {
    env: 'BAROMETRE_WEB_TLS',
    description:
      'true : le site est servi en HTTPS (par un proxy qui termine TLS) ; envoie Strict-Transport-Security sur toutes les réponses',
    schema: booleanSetting.default(false),
  },
  webTrustProxy: {
    env: 'BAROMETRE_WEB_TRUST_PROXY',
    description:
      'true : le serveur est derrière un proxy de confiance ; X-Forwarded-Proto: https déclenche Strict-Transport-Security',
    schema: booleanSetting.default(false),
  },
  crawlUserAgent: {
    env: 'BAROMETRE_CRAWL_USER_AGENT',
    description:
      'User-Agent publié par le robot de collecte (par défaut : BarometreBot avec l’adresse du projet)',
    schema: z.string().min(8).optional(),
  },
  crawlDelayMs: {
    env: 'BAROMETRE_CRAWL_DELAY_MS',
    description:
      'Délai minimal entre deux requêtes vers un même hôte, en millisecondes (Crawl-delay l’augmente)',
    schema: z.coerce.number().int().min(0).max(60_000).default(500),
  },
  crawlHostConcurrency: {
    env: 'BAROMETRE_CRAWL_HOST_CONCURRENCY',
    description: 'Requêtes simultanées au plus vers un même hôte',
    schema: z.coerce.number().int().min(1).max(16).default(2),
  },
  jobHeartbeatSeconds: {
    env: 'BAROMETRE_JOB_HEARTBEAT_SECONDS',
    description:
      'Travailleurs (PostgreSQL) : battement de cœur, en secondes ; le travail d’un travailleur muet est repris après environ deux fois ce délai',
    schema: z.coerce.number().int().min(10).max(3600).default(30),
  },
} as const;

type Settings = typeof settings;
export type Config = { [K in keyof Settings]: z.output<Settings[K]['schema']> } & {
  /** Absolute path of the SQLite file used when no DATABASE_URL is set. */
  sqlitePath: string;
};

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const values: Record<string, unknown> = {};
  const problems: { field: string; message: string }[] = [];
  for (const [field, setting] of Object.entries(settings)) {
    const raw = env[setting.env];
    const parsed = setting.schema.safeParse(raw === '' ? undefined : raw);
    if (parsed.success) values[field] = parsed.data;
    else
      problems.push({ field: setting.env, message: parsed.error.issues.map((i) => i.message).join(' ; ') });
  }
  if (problems.length > 0) {
    throw new UserError('config_invalid', 'Configuration invalide', problems);
  }
  const config = values as Omit<Config, 'sqlitePath'>;
  const dataDir = path.resolve(config.dataDir);
  return { ...config, dataDir, sqlitePath: path.join(dataDir, 'barometre.sqlite') };
}

/** For the README and `--help`: each setting with its variable, description and default. */
export function describeSettings(): { env: string; description: string; default: string }[] {
  return Object.values(settings).map((setting) => {
    const fallback = setting.schema.safeParse(undefined);
    return {
      env: setting.env,
      description: setting.description,
      default: fallback.success && fallback.data !== undefined ? String(fallback.data) : '—',
    };
  });
}
