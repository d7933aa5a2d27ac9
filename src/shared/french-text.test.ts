import { describe, expect, it } from 'vitest';
import { normalizeFrench, PhraseMatcher, stemFrench, tokenizeFrench } from './french-text.ts';

const matcher = (phrases: string[]) =>
  PhraseMatcher.compile(phrases.map((phrase) => ({ phrase, value: phrase })));
const found = (phrases: string[], text: string) =>
  matcher(phrases)
    .matchText(text)
    .map((match) => match.phrase);

describe('normalizeFrench', () => {
  it('lowercases, strips accents and expands ligatures', () => {
    expect(normalizeFrench('Crèche ÉLÉMENTAIRE Œuvre Ægide')).toBe('creche elementaire oeuvre aegide');
  });

  it('unifies apostrophes, quotes and dashes, and collapses spaces', () => {
    expect(normalizeFrench('L’acte  «\u00a0naissance\u00a0» — d‘état')).toBe(
      'l\'acte " naissance " - d\'etat',
    );
  });

  it('repairs UTF-8 text read as Latin-1', () => {
    expect(normalizeFrench('DÃ©marches aprÃ¨s un dÃ©cÃ¨s Ã  domicile')).toBe(
      'demarches apres un deces a domicile',
    );
  });

  it('guesses the letters a wrong charset replaced: « à » alone, « é » in a word', () => {
    expect(normalizeFrench('Cr\uFFFDche \uFFFD domicile')).toBe('creche a domicile');
  });

  it('removes accents and case so that one pattern matches every spelling', () => {
    expect(normalizeFrench('DÉCLARATION D’ACCESSIBILITÉ')).toBe("declaration d'accessibilite");
    expect(normalizeFrench('Déclaration d‘accessibilité')).toBe("declaration d'accessibilite");
  });

  it('expands ligatures and unifies no-break spaces and dashes', () => {
    expect(normalizeFrench('Mise en Œuvre\u00a0: 62\u202f% —\tnon‑conforme')).toBe(
      'mise en oeuvre : 62 % - non-conforme',
    );
  });
});

describe('stemFrench', () => {
  it.each([
    ['handicapées', 'handicap'],
    ['handicapés', 'handicap'],
    ['handicap', 'handicap'],
    ['sociaux', 'social'],
    ['sociales', 'social'],
    ['électorales', 'electoral'],
    ['électoraux', 'electoral'],
    ['bureaux', 'bureau'],
    ['actives', 'actif'],
    ['animatrices', 'animateur'],
    ['personnelles', 'personnel'],
  ])('brings %s and its forms together (%s)', (word, stem) => {
    expect(stemFrench(normalizeFrench(word))).toBe(stem);
  });

  it('keeps words of three letters or fewer whole', () => {
    expect(['des', 'les', 'apa', 'rsa'].map(stemFrench)).toEqual(['des', 'les', 'apa', 'rsa']);
  });
});

describe('tokenizeFrench', () => {
  it('splits on punctuation, apostrophes and hyphens', () => {
    expect(tokenizeFrench("Demande d'APA — nid-de-poule !").map((token) => token.norm)).toEqual([
      'demande',
      'd',
      'apa',
      'nid',
      'de',
      'poule',
    ]);
  });
});

describe('PhraseMatcher', () => {
  it('matches without regard to case or accents', () => {
    expect(found(['accueil périscolaire'], 'ACCUEIL PERISCOLAIRE du matin')).toEqual([
      'accueil périscolaire',
    ]);
  });

  it('matches plural and feminine forms through light stemming', () => {
    expect(
      found(['protection maternelle et infantile'], 'Les protections maternelles et infantiles'),
    ).toHaveLength(1);
    expect(found(['inscription sur les listes électorales'], 'inscriptions sur la liste électorale')).toEqual(
      [],
    );
    expect(found(['liste électorale'], 'les listes électorales')).toEqual(['liste électorale']);
  });

  it('matches on word boundaries only', () => {
    expect(found(['APA'], 'apaiser les tensions')).toEqual([]);
    expect(found(['covoiturage'], 'aires de covoiturage')).toEqual(['covoiturage']);
  });

  it('matches an acronym as written: "PMI" is not found inside "PMIS"', () => {
    expect(found(['PMI'], 'Les PMIS du département')).toEqual([]);
    expect(found(['PMI'], 'la PMI de Laval, les pmi')).toEqual(['PMI', 'PMI']);
  });

  it('matches across apostrophes and hyphens written either way', () => {
    expect(found(["demande d'APA"], 'Demande d’apa')).toEqual(["demande d'APA"]);
    expect(found(['nid-de-poule'], 'un nid de poule rue Haute')).toEqual(['nid-de-poule']);
  });

  it('forgives one typo in long words, not in short ones', () => {
    expect(found(['inscription scolaire'], 'inscripton scolaire')).toEqual(['inscription scolaire']);
    expect(found(['inscription scolaire'], 'inscriptiion scolaire')).toEqual(['inscription scolaire']);
    expect(found(['acte de décès'], 'acte de dcès')).toEqual([]);
  });

  it('does not forgive a typo in the first letter', () => {
    expect(found(['inscription scolaire'], 'unscription scolaire')).toEqual([]);
  });

  it('reports token positions and the longest phrase first at a position', () => {
    const matches = matcher(['acte de naissance', 'extrait d’acte de naissance', 'acte']).matchText(
      'Un extrait d’acte de naissance',
    );
    expect(matches.map((match) => [match.phrase, match.start, match.end])).toEqual([
      ['extrait d’acte de naissance', 1, 6],
      ['acte de naissance', 3, 6],
      ['acte', 3, 4],
    ]);
  });

  it('keeps the value of each phrase', () => {
    const byService = PhraseMatcher.compile([
      { phrase: 'transport scolaire', value: 'region' },
      { phrase: 'transport scolaire', value: 'departement' },
    ]);
    expect(byService.matchText('le transport scolaire').map((match) => match.value)).toEqual([
      'region',
      'departement',
    ]);
  });
});
