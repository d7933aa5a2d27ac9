/** French formatting of the figures shown in check summaries (decimal comma, units). */

function decimal(value: number, fractionDigits: number): string {
  const fixed = value.toFixed(fractionDigits);
  const trimmed = fractionDigits > 0 ? fixed.replace(/\.?0+$/, '') : fixed;
  return trimmed.replace('.', ',');
}

/** 420 → « 420 ms », 1250 → « 1,25 s ». */
export function formatDuration(ms: number): string {
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${decimal(ms / 1_000, 2)} s`;
}

/** 900 → « 900 o », 48_000 → « 47 Kio », 2_500_000 → « 2,4 Mio ». */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} Kio`;
  return `${decimal(bytes / (1024 * 1024), 1)} Mio`;
}

/** A percentage already on the 0–100 scale: 62.5 → « 62,5 % ». */
export function formatPercent(percent: number): string {
  return `${decimal(percent, 2)} %`;
}

/** A ratio on the 0–1 scale: 0.025 → « 2,5 % ». */
export function formatRatio(ratio: number): string {
  return formatPercent(ratio * 100);
}

/** French list: « a », « a et b », « a, b et c ». */
export function formatList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items.at(-1)}`;
}
