import { randomBytes } from 'node:crypto';
import { type Command, Option } from 'commander';
import { ROLE_LABELS } from '../../accounts/accounts.rules.ts';
import { requestPasswordReset } from '../../accounts/password-reset.service.ts';
import { listUsers } from '../../accounts/users.repository.ts';
import { createUser, disableUser } from '../../accounts/users.service.ts';
import { type AuthorityKind, USER_ROLES, type UserRole } from '../../db/schema.ts';
import { UserError } from '../../shared/errors.ts';
import { findAuthorityByCode } from '../../territories/authority-lookup.ts';
import type { CliContext } from '../context.ts';
import { parseAuthorityKind } from '../parse-options.ts';

/** Accounts from the command line: the first administrator, and whatever an operator scripts. */
export function registerUserCommands(program: Command, ctx: CliContext): void {
  const user = program
    .command('user')
    .description('Comptes : administrateurs, analystes, représentants de collectivités');

  user
    .command('create')
    .description('Crée un compte ; sans --password-stdin, un mot de passe aléatoire est affiché une fois')
    .requiredOption('--email <adresse>', 'adresse électronique (identifiant de connexion)')
    .requiredOption('--name <nom>', 'nom de la personne')
    .addOption(new Option('--role <rôle>', 'rôle du compte').choices(USER_ROLES).makeOptionMandatory())
    .option(
      '--authority <code...>',
      'collectivité(s) représentée(s) (rôle authority) : code INSEE, SIREN ou COG',
    )
    .option('--kind <type>', 'type de collectivité quand un code est ambigu', parseAuthorityKind)
    .option('--password-stdin', 'lit le mot de passe sur l’entrée standard')
    .action(
      async (options: {
        email: string;
        name: string;
        role: UserRole;
        authority?: string[];
        kind?: AuthorityKind;
        passwordStdin?: boolean;
      }) => {
        const { db } = await ctx.database();
        const password = options.passwordStdin
          ? (await ctx.readStdin()).replace(/\r?\n$/, '')
          : randomBytes(15).toString('base64url');
        const authorityIds: number[] = [];
        for (const code of options.authority ?? []) {
          authorityIds.push((await findAuthorityByCode(db, code, options.kind)).id);
        }
        const created = await createUser(
          db,
          { email: options.email, name: options.name, role: options.role, password, authorityIds },
          'cli',
          ctx.now(),
        );
        ctx.out.line(`Compte ${ROLE_LABELS[created.role]} créé : ${created.email}.`);
        if (!options.passwordStdin) {
          ctx.out.line(
            `Mot de passe (affiché une seule fois, à changer à la première connexion) : ${password}`,
          );
        }
      },
    );

  user
    .command('list')
    .description('Liste les comptes')
    .action(async () => {
      const { db } = await ctx.database();
      const users = await listUsers(db);
      if (users.length === 0)
        ctx.out.line('Aucun compte. Créez le premier : barometre user create --role admin …');
      for (const u of users) {
        const state = u.disabled
          ? ' — désactivé'
          : u.lockedUntil && u.lockedUntil > ctx.now().toISOString()
            ? ' — verrouillé'
            : '';
        const authorities =
          u.authorities.length > 0 ? ` (${u.authorities.map((a) => `${a.name} ${a.code}`).join(', ')})` : '';
        ctx.out.line(`${u.email}  ${u.name}  ${ROLE_LABELS[u.role]}${authorities}${state}`);
      }
    });

  user
    .command('disable')
    .description('Désactive un compte et ferme ses sessions ; son historique est gardé')
    .argument('<adresse>', 'adresse électronique du compte')
    .action(async (email: string) => {
      const { db } = await ctx.database();
      await disableUser(db, email, 'cli', ctx.now());
      ctx.out.line(`Compte ${email} désactivé.`);
    });

  user
    .command('reset-password')
    .description(
      'Envoie un lien de réinitialisation du mot de passe (courriel déposé dans le dossier outbox)',
    )
    .argument('<adresse>', 'adresse électronique du compte')
    .action(async (email: string) => {
      if (!ctx.config.publicUrl) {
        throw new UserError(
          'config_invalid',
          'BAROMETRE_PUBLIC_URL doit être défini pour écrire le lien du courriel.',
        );
      }
      const base = ctx.config.publicUrl.replace(/\/$/, '');
      const { db } = await ctx.database();
      await requestPasswordReset(
        db,
        ctx.mailer(),
        { email, resetUrl: (token) => `${base}/compte/mot-de-passe?jeton=${token}` },
        ctx.now(),
      );
      ctx.out.line(`Si un compte actif existe pour ${email}, un lien lui a été envoyé (valable une heure).`);
    });
}
