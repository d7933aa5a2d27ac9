import { type ReviewRefusal, refuse, type refuseAdd, refuseIfPublished } from './review.rules.ts';

/**
 * An authority declares a service the crawler missed (docs/access-control.md): the declaration
 * becomes the current assessment with source « declared », awaiting an analyst like a crawler
 * proposal. It may only raise what nobody has reviewed yet; anything else is a contest.
 */
export function refuseDeclaration(input: Parameters<typeof refuseAdd>[0]): ReviewRefusal | undefined {
  const refusal = refuseIfPublished(input.edition);
  if (refusal) return refusal;
  if (!input.serviceAppliesToAuthority)
    return refuse('not_applicable', 'Ce service ne relève pas des compétences de cette collectivité.');
  if (input.level === 0)
    return refuse('level_invalid', 'Une déclaration signale un service proposé : niveau 1 à 4.');
  if (!input.evidenceUrl)
    return refuse('evidence_invalid', 'Donnez l’adresse de la page qui montre le service.');
  const { current } = input;
  if (current?.source === 'declared')
    return refuse(
      'already_assessed',
      'Ce service est déjà déclaré et attend la revue d’un analyste : contestez l’évaluation si besoin.',
    );
  if (current && current.source !== 'crawler')
    return refuse(
      'already_reviewed',
      'Un analyste a déjà évalué ce service : pour le faire changer, contestez son évaluation.',
    );
  if (current && current.level >= input.level)
    return refuse(
      'same_level',
      `Le robot a déjà trouvé ce service au niveau ${current.level} : rien de manqué à déclarer.`,
    );
  return undefined;
}
