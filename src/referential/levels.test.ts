import { describe, expect, it } from 'vitest';
import {
  DIGITALISATION_LEVELS,
  type DigitalisationLevel,
  digitalisationLevel,
  isDigitalisationLevel,
  isDigitalised,
  isEndToEnd,
  isPartial,
} from './levels.ts';

const ALL_LEVELS: DigitalisationLevel[] = [0, 1, 2, 3, 4];

describe('digitalisation levels', () => {
  it('are defined once, in order, each at the index of its level', () => {
    expect(DIGITALISATION_LEVELS.map((definition) => definition.level)).toEqual(ALL_LEVELS);
    expect(DIGITALISATION_LEVELS.map((definition) => definition.key)).toEqual([
      'absent',
      'information',
      'partial',
      'online',
      'end_to_end',
    ]);
    for (const level of ALL_LEVELS) expect(digitalisationLevel(level).level).toBe(level);
  });

  it('have distinct French labels and descriptions', () => {
    expect(new Set(DIGITALISATION_LEVELS.map((definition) => definition.label)).size).toBe(5);
    expect(new Set(DIGITALISATION_LEVELS.map((definition) => definition.description)).size).toBe(5);
  });

  it('count as end to end only at level 4', () => {
    expect(ALL_LEVELS.filter(isEndToEnd)).toEqual([4]);
  });

  it('count as partial at levels 2 and 3', () => {
    expect(ALL_LEVELS.filter(isPartial)).toEqual([2, 3]);
  });

  it('count as digitalised from level 2: partial or end to end', () => {
    expect(ALL_LEVELS.filter(isDigitalised)).toEqual([2, 3, 4]);
    for (const level of ALL_LEVELS) expect(isDigitalised(level)).toBe(isPartial(level) || isEndToEnd(level));
  });

  it('recognise only the integers 0 to 4 as levels', () => {
    expect([0, 1, 2, 3, 4].every(isDigitalisationLevel)).toBe(true);
    expect([-1, 5, 2.5, '2', null, undefined].some(isDigitalisationLevel)).toBe(false);
  });
});
