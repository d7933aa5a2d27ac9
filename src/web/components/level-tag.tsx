import { DIGITALISATION_LEVELS, isDigitalisationLevel } from '../../referential/levels.ts';

/** A level as a badge: its number and label, colour as a second cue only (the text says it all). */
export function LevelTag({ level }: { level: number }) {
  if (!isDigitalisationLevel(level)) return <span class="bm-level">Niveau {level}</span>;
  return (
    <span class={`bm-level bm-level--${level}`}>
      {level} — {DIGITALISATION_LEVELS[level].label}
    </span>
  );
}
