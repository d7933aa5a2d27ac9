import { cueSignals, firstPhrase, phraseMatcher } from '../cues.ts';
import type { DetectionContext, Signal } from '../detection.types.ts';
import type { PageContent } from '../page.ts';

/**
 * A user account on which requests live: "mon compte", "espace personnel", "connectez-vous",
 * FranceConnect, or a login form (a password field). Site-wide account links in the header are
 * boilerplate and are not read.
 */

export const ACCOUNT = 'account';

const PHRASES = phraseMatcher([
  'mon compte',
  'votre compte',
  'créer un compte',
  'créez votre compte',
  'créer votre compte',
  'compte personnel',
  'compte famille',
  'compte lecteur',
  'espace personnel',
  'espace personnalisé',
  'votre espace',
  'mon espace',
  'son espace',
  'espace usager',
  'espace abonné',
  'espace client',
  'espace candidat',
  'agence en ligne',
  'espace stagiaire',
  'se connecter',
  'connectez-vous',
  'identifiant et mot de passe',
  'FranceConnect',
  'France Connect',
]);

export function detectAccount(page: PageContent, ctx: DetectionContext): Signal[] {
  const signals = cueSignals(
    ctx.analysis.blocks,
    { kind: 'account', detector: ACCOUNT, strength: 0.7 },
    (block) => firstPhrase(PHRASES, block),
  );
  page.forms.forEach((form) => {
    if (form.section === undefined || !form.fields.some((field) => field.type === 'password')) return;
    signals.push({
      kind: 'account',
      detector: ACCOUNT,
      strength: 0.8,
      phrase: 'formulaire de connexion',
      location: { section: form.section },
    });
  });
  return signals;
}
