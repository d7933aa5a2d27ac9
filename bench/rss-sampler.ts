/** Resident memory of the process, sampled on a timer, with its peak and labelled marks. */
export class RssSampler {
  #peak = 0;
  #samples = 0;
  readonly #marks = new Map<string, number>();
  #timer: ReturnType<typeof setInterval> | null = null;

  start(everyMs = 250): void {
    this.sample();
    this.#timer = setInterval(() => this.sample(), everyMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.sample();
  }

  sample(): number {
    const rss = process.memoryUsage.rss();
    this.#samples += 1;
    if (rss > this.#peak) this.#peak = rss;
    return rss;
  }

  /** Records the current RSS under a label, once. */
  mark(label: string): void {
    if (!this.#marks.has(label)) this.#marks.set(label, this.sample());
  }

  markOf(label: string): number | undefined {
    return this.#marks.get(label);
  }

  get peak(): number {
    return this.#peak;
  }

  get samples(): number {
    return this.#samples;
  }
}

export const MB = 1024 * 1024;
