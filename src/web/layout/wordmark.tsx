/** Baromètre's own mark: a dial with its needle, drawn in the current text colour. */
export function Wordmark({ href = '/' }: { href?: string }) {
  return (
    <a class="bm-wordmark" href={href}>
      <svg
        class="bm-wordmark__mark"
        aria-hidden="true"
        focusable="false"
        width="40"
        height="40"
        viewBox="0 0 40 40"
        xmlns="http://www.w3.org/2000/svg"
      >
        <circle cx="20" cy="20" r="17" fill="none" stroke="currentColor" stroke-width="3" />
        <path
          d="M8 26a13 13 0 0 1 24 0"
          fill="none"
          stroke="#ffc845"
          stroke-width="3"
          stroke-linecap="round"
        />
        <path d="M20 22 L29 12" stroke="currentColor" stroke-width="3" stroke-linecap="round" />
        <circle cx="20" cy="22" r="3" fill="currentColor" />
      </svg>
      <span>Baromètre</span>
    </a>
  );
}
