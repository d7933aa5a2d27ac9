import { describe, expect, it } from 'vitest';
import { testDetector, textPage } from '../../test/support/detection.ts';
import { shippedReferential } from '../farm/farm-fixtures.ts';
import { createDetector } from './detect.ts';
import type { Signal, SignalKind } from './detection.types.ts';
import { CONFIDENCE_THRESHOLD, levelOf, noisyOr } from './level.rules.ts';
import { loadPlatforms } from './platforms.ts';

const platforms = loadPlatforms();
const signal = (kind: SignalKind, platform?: string): Signal => ({
  kind,
  detector: 'test',
  strength: 0.8,
  location: {},
  ...(platform ? { platform } : {}),
});
const level = (...signals: Signal[]) => levelOf(signals, platforms);

/** The detection of one service on a plain-text page, with the test referential (commune). */
function detect(title: string, lines: string[], url?: string) {
  return testDetector(['commune']).detectPage(textPage(title, lines, url)).detections;
}
const find = (detections: ReturnType<typeof detect>, service: string) =>
  detections.find((detection) => detection.serviceKey === service);

describe('level rules', () => {
  it('level 1: a service with no remote channel is information only', () => {
    expect(level()).toBe(1);
    expect(level(signal('third_party', 'caf'))).toBe(1);
  });

  it('level 2: a form to download makes a démarche partial', () => {
    expect(level(signal('download_form'))).toBe(2);
  });

  it('level 2: online appointment booking, in words or through a booking platform, is partial', () => {
    expect(level(signal('appointment'))).toBe(2);
    expect(level(signal('platform', 'rdv360'))).toBe(2);
  });

  it('level 2: a request invited by e-mail is partial', () => {
    expect(level(signal('email_request'))).toBe(2);
  });

  it('level 3: an online form on the page is online submission', () => {
    expect(level(signal('online_form'))).toBe(3);
  });

  it('level 3: online-procedure wording is online submission', () => {
    expect(level(signal('online_procedure'), signal('download_form'))).toBe(3);
  });

  it('level 3: an e-service platform without follow-up is online submission', () => {
    expect(level(signal('platform', 'profil-acheteur'))).toBe(3);
  });

  it('level 3: the authority’s own e-services host is online submission; follow-up must be read on the page', () => {
    expect(level(signal('platform', 'portail-demarches-collectivite'))).toBe(3);
    expect(level(signal('platform', 'portail-demarches-collectivite'), signal('account'))).toBe(4);
  });

  it('level 4: online submission with an online follow-up is end to end', () => {
    expect(level(signal('online_procedure'), signal('tracking'))).toBe(4);
  });

  it('level 4: online submission with a user account is end to end', () => {
    expect(level(signal('online_form'), signal('account'))).toBe(4);
  });

  it('level 4: a platform that tracks requests to their answer is end to end (Démarches simplifiées, GNAU)', () => {
    expect(level(signal('platform', 'demarches-simplifiees'))).toBe(4);
    expect(level(signal('platform', 'gnau-operis'))).toBe(4);
  });

  it('level 4: online payment, in words or through PayFiP, is end to end', () => {
    expect(level(signal('payment'))).toBe(4);
    expect(level(signal('platform', 'payfip'))).toBe(4);
  });

  it('follow-up or an account alone, without online submission, does not raise the level', () => {
    expect(level(signal('tracking'))).toBe(1);
    expect(level(signal('account'), signal('download_form'))).toBe(2);
  });

  it('a national service that tracks requests is end to end only with online submission', () => {
    expect(level(signal('third_party', 'demande-logement-social'))).toBe(1);
    expect(level(signal('third_party', 'demande-logement-social'), signal('online_procedure'))).toBe(4);
  });
});

describe('attaching level signals to services', () => {
  it('ties a level signal to the page subject (title) when its own line names no service', () => {
    const found = detect('Livret de famille', [
      'Le livret est délivré par la mairie.',
      'Faites votre demande en ligne.',
    ]);
    expect(find(found, 'livret-famille')?.level).toBe(3);
  });

  it('ties a level signal to the service that opens its line, not to the page subject', () => {
    const found = detect('État civil et famille', [
      'Le service vous accueille le matin.',
      'Acte de naissance : faites votre demande en ligne.',
      'Livret de famille : téléchargez le formulaire de demande.',
    ]);
    expect(find(found, 'acte-naissance')?.level).toBe(3);
    expect(find(found, 'livret-famille')?.level).toBe(2);
  });

  it('ties a level signal to the services of its section', () => {
    const found = detect('État civil', [
      'Acte de naissance',
      'Une copie est délivrée gratuitement.',
      'La demande peut être faite en ligne.',
      'Livret de famille',
      'Présentez-vous au guichet.',
    ]);
    expect(find(found, 'acte-naissance')?.level).toBe(3);
    expect(find(found, 'livret-famille')?.level).toBe(1);
  });

  it('does not let a service named as the channel ("sur le portail famille") take the signal from the subject', () => {
    const found = detect('Restauration scolaire', [
      'Les repas sont préparés sur place.',
      "L'inscription se fait sur le portail famille, où vous payez vos factures en ligne.",
    ]);
    expect(find(found, 'restauration-scolaire')?.level).toBe(4);
  });

  it('ignores level signals in a line that announces them for later', () => {
    const found = detect('Livret de famille', [
      'Le livret est délivré par la mairie.',
      'Bientôt, vous pourrez faire votre demande en ligne et suivre son avancement.',
    ]);
    expect(find(found, 'livret-famille')?.level).toBe(1);
  });

  it('does not take a cue word inside another service’s name for the kind of page', async () => {
    const detector = createDetector(await shippedReferential(), { kinds: ['departement'] });
    const found = detector.detectPage(
      textPage('Secteurs de recrutement des collèges', [
        'Trouvez le collège de secteur de votre adresse.',
        'La demande de dérogation se fait en ligne sur demarches-simplifiees.fr.',
      ]),
    ).detections;
    expect(find(found, 'sectorisation-colleges')?.level).toBe(4);
    expect(find(found, 'recrutement-departement')?.confidence ?? 0).toBeLessThan(CONFIDENCE_THRESHOLD);
  });

  it('ignores level signals in a menu line that lists services', () => {
    const found = detect('Livret de famille', [
      'Accès rapides : Acte de naissance · Cantine scolaire · Portail famille · Payer en ligne',
      'Le livret est délivré par la mairie.',
    ]);
    expect(find(found, 'livret-famille')?.level).toBe(1);
  });
});

describe('confidence rules', () => {
  it('is confident about the service a page is about (title), not about one it mentions once', () => {
    const found = detect('Acte de naissance', [
      'Apportez votre livret de famille.',
      'La copie est gratuite.',
    ]);
    expect(find(found, 'acte-naissance')?.confidence).toBeGreaterThanOrEqual(CONFIDENCE_THRESHOLD);
    expect(find(found, 'livret-famille')?.confidence ?? 0).toBeLessThan(CONFIDENCE_THRESHOLD);
  });

  it('is not confident about a service a news item is about', () => {
    const found = detect(
      'Actualité : les menus de la cantine passent au bio',
      ['Publié le 3 mars', 'La restauration scolaire passe au bio.'],
      'https://www.ville-test.fr/actualites/cantine-bio',
    );
    expect(find(found, 'restauration-scolaire')?.confidence ?? 0).toBeLessThan(CONFIDENCE_THRESHOLD);
  });

  it('is not confident about services a job offer lists', () => {
    const found = detect("Offre d'emploi - agent d'état civil (H/F)", [
      'Missions : délivrance des actes de naissance, du livret de famille.',
      'Candidature avant le 15 mars.',
    ]);
    expect(find(found, 'acte-naissance')?.confidence ?? 0).toBeLessThan(CONFIDENCE_THRESHOLD);
  });

  it('takes council minutes as the council service itself, and only as that', () => {
    const found = detect(
      'Compte rendu du conseil municipal du 3 mars',
      ['Le conseil fixe les tarifs de la cantine scolaire.', 'Adopté à l’unanimité.'],
      'https://www.ville-test.fr/mairie/deliberations/2025-03-03',
    );
    expect(find(found, 'conseil-municipal-communautaire')?.confidence).toBeGreaterThanOrEqual(
      CONFIDENCE_THRESHOLD,
    );
    expect(find(found, 'restauration-scolaire')?.confidence ?? 0).toBeLessThan(CONFIDENCE_THRESHOLD);
  });

  it('makes a service that the page offers more certain than one it only names', () => {
    const named = find(
      detect('Services', ['Intro.', 'Le livret de famille est délivré en mairie.']),
      'livret-famille',
    );
    const offered = find(
      detect('Services', ['Intro.', 'Demandez un second livret de famille en ligne.']),
      'livret-famille',
    );
    expect(offered?.confidence ?? 0).toBeGreaterThan(named?.confidence ?? 0);
  });

  it('combines independent evidence with a noisy-or', () => {
    expect(noisyOr([0.5, 0.5])).toBeCloseTo(0.75);
    expect(noisyOr([])).toBe(0);
  });
});

describe('evidence', () => {
  it('names the national service where the démarche is done online', () => {
    const found = detect('Acte de naissance', [
      'La demande se fait en ligne sur service-public.fr.',
      'Gratuit.',
    ]);
    expect(find(found, 'acte-naissance')?.evidence).toMatchObject({
      thirdParty: 'service-public',
      phrases: expect.arrayContaining(['acte de naissance']),
    });
  });

  it('names the e-service platform through which the service is offered', () => {
    const found = detect('Restauration scolaire', ['Inscriptions sur le portail famille.', 'Tarifs.']);
    expect(find(found, 'restauration-scolaire')?.evidence.platform).toBe('portail-famille-collectivite');
  });
});
