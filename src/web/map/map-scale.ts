import { formatDecimal, formatInteger } from '../../shared/french-typography.ts';

/**
 * Colour classes of a choropleth: pure, so the legend, the map and the tests agree. Counts are
 * split into at most five classes of equal width over [0, max]; "no data" has its own colour,
 * never the lightest class, so a département not assessed does not read as a zero.
 */

// Sequential petrol palette, light to dark; the darkest keeps 7:1 contrast with white labels.
export const CLASS_COLOURS = ['#e3eef2', '#b3d1dc', '#6fa8bd', '#2f7895', '#0b4f6c'] as const;
export const NO_DATA_COLOUR = '#d9d9d9';

export interface ColourClass {
  /** Inclusive bounds. */
  from: number;
  to: number;
  colour: string;
  label: string;
}

export interface ColourScale {
  classes: ColourClass[];
  colourOf(value: number | null | undefined): string;
}

/** Integer classes: 0 alone, then equal ranges up to the maximum ("1 à 3", "4 à 6"…). */
export function integerScale(values: readonly (number | null | undefined)[]): ColourScale {
  const present = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const max = Math.max(0, ...present);
  const classes: ColourClass[] = [{ from: 0, to: 0, colour: CLASS_COLOURS[0], label: '0' }];
  const remaining = CLASS_COLOURS.length - 1;
  const width = Math.max(1, Math.ceil(max / remaining));
  for (let index = 0, from = 1; from <= max && index < remaining; index++, from += width) {
    const to = Math.min(max, from + width - 1);
    classes.push({
      from,
      to,
      colour: CLASS_COLOURS[index + 1] as string,
      label: from === to ? formatInteger(from) : `${formatInteger(from)} à ${formatInteger(to)}`,
    });
  }
  return {
    classes,
    colourOf(value) {
      if (typeof value !== 'number' || !Number.isFinite(value)) return NO_DATA_COLOUR;
      const found = classes.find((c) => value >= c.from && value <= c.to);
      return (found ?? classes[classes.length - 1])?.colour ?? NO_DATA_COLOUR;
    },
  };
}

/**
 * The index (0–100, one decimal) in five fixed classes of 20 points: fixed rather than fitted to
 * the data, so that a colour means the same score from one edition to the next.
 */
export function indexScale(): ColourScale {
  const classes: ColourClass[] = CLASS_COLOURS.map((colour, i) => ({
    from: i * 20,
    to: i === CLASS_COLOURS.length - 1 ? 100 : i * 20 + 19.9,
    colour,
    label: i === CLASS_COLOURS.length - 1 ? '80 à 100' : `${i * 20} à ${formatDecimal(i * 20 + 19.9)}`,
  }));
  return {
    classes,
    colourOf(value) {
      if (typeof value !== 'number' || !Number.isFinite(value)) return NO_DATA_COLOUR;
      return (
        classes[Math.min(classes.length - 1, Math.max(0, Math.floor(value / 20)))]?.colour ?? NO_DATA_COLOUR
      );
    },
  };
}
