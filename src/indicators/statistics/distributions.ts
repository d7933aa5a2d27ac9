/**
 * The few distribution functions the barometer needs, written here rather than taken from a
 * package (see docs/statistics.md): Student's t tail probability through the regularized
 * incomplete beta function, and the normal quantile for 95 % intervals.
 *
 * References: Press, Teukolsky, Vetterling & Flannery, Numerical Recipes, 3rd ed. (2007),
 * §6.1 (log-gamma, Lanczos approximation) and §6.4 (incomplete beta, continued fraction
 * evaluated with the modified Lentz method); Abramowitz & Stegun (1964) 26.5.8 and 26.7.1.
 */

/** Φ⁻¹(0.975): two-sided 95 % normal quantile. */
export const Z_95 = 1.959963984540054;

// Lanczos approximation, g = 7, n = 9 (coefficients as published by P. Godfrey); relative
// error below 1e-15 over the positive reals.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma attend x > 0, reçu ${x}`);
  if (x < 0.5) {
    // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

const CF_MAX_ITERATIONS = 10_000;
const CF_EPSILON = 1e-16;
const CF_TINY = 1e-300;

/** Continued fraction for I_x(a, b) (Numerical Recipes betacf), converging fast for x < (a+1)/(a+b+2). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < CF_TINY) d = CF_TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= CF_MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    // Even step.
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < CF_TINY) d = CF_TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < CF_TINY) c = CF_TINY;
    d = 1 / d;
    h *= d * c;
    // Odd step.
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < CF_TINY) d = CF_TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < CF_TINY) c = CF_TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < CF_EPSILON) return h;
  }
  throw new Error(`Fraction continue de la bêta incomplète non convergente (x=${x}, a=${a}, b=${b})`);
}

/**
 * Regularized incomplete beta I_x(a, b) = B(x; a, b) / B(a, b), for 0 ≤ x ≤ 1, a, b > 0.
 * `complement` may pass 1 − x computed without cancellation when the caller has it.
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number, complement = 1 - x): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`Paramètres de la loi bêta invalides : a=${a}, b=${b}`);
  if (!(x >= 0 && x <= 1)) throw new RangeError(`x hors de [0, 1] : ${x}`);
  if (x === 0) return 0;
  if (complement === 0 || x === 1) return 1;
  const logFront = a * Math.log(x) + b * Math.log(complement) - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
  }
  // Symmetry I_x(a, b) = 1 − I_{1−x}(b, a), where the fraction converges fast.
  return 1 - (Math.exp(logFront) * betaContinuedFraction(complement, b, a)) / b;
}

/**
 * Two-sided tail probability of Student's t with `df` degrees of freedom:
 * P(|T| ≥ |t|) = I_{df/(df+t²)}(df/2, 1/2)  (Abramowitz & Stegun 26.7.1 with 26.5.27).
 */
export function studentTTwoSidedPValue(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`Degrés de liberté invalides : ${df}`);
  if (Number.isNaN(t)) throw new RangeError('Statistique t non définie');
  if (!Number.isFinite(t)) return 0;
  const t2 = t * t;
  const x = df / (df + t2);
  const complement = t2 / (df + t2);
  return Math.min(1, regularizedIncompleteBeta(x, df / 2, 0.5, complement));
}

/** Cumulative distribution function of Student's t: P(T ≤ t). */
export function studentTCdf(t: number, df: number): number {
  const tail = studentTTwoSidedPValue(t, df) / 2;
  return t >= 0 ? 1 - tail : tail;
}
