import type { Quartiles } from '../../indicators/statistics/descriptive.ts';

const WIDTH = 200;
const HEIGHT = 24;

/**
 * A small box plot of the peers (line from minimum to maximum, box from the first to the third
 * quartile, median tick) with the authority's value as a diamond. Decorative: the same figures
 * are in the cells of its row, so screen readers skip it.
 */
export function QuartileBar({ peers, value }: { peers: Quartiles; value: number | null }) {
  const low = Math.min(peers.min, value ?? peers.min);
  const high = Math.max(peers.max, value ?? peers.max);
  const span = high - low || 1;
  const x = (v: number) => 6 + ((v - low) / span) * (WIDTH - 12);
  const mid = HEIGHT / 2;
  return (
    <svg
      class="bm-quartile-bar"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      aria-hidden="true"
      focusable="false"
    >
      <line x1={x(peers.min)} x2={x(peers.max)} y1={mid} y2={mid} stroke="#505a5f" stroke-width="2" />
      <rect
        x={x(peers.q1)}
        y={mid - 7}
        width={Math.max(2, x(peers.q3) - x(peers.q1))}
        height="14"
        fill="#d2e4ea"
        stroke="#0b4f6c"
      />
      <line
        x1={x(peers.median)}
        x2={x(peers.median)}
        y1={mid - 7}
        y2={mid + 7}
        stroke="#0b4f6c"
        stroke-width="3"
      />
      {value === null ? null : (
        <path
          d={`M ${x(value)} ${mid - 8} L ${x(value) + 6} ${mid} L ${x(value)} ${mid + 8} L ${x(value) - 6} ${mid} Z`}
          fill="#b35c00"
          stroke="#fff"
        />
      )}
    </svg>
  );
}
