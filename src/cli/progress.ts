import cliProgress from 'cli-progress';

export interface Progress {
  /** Sets the bar to `done` of `total` under `label`. */
  update(label: string, done: number, total: number): void;
  stop(): void;
}

/**
 * A progress bar on an interactive terminal; on a pipe or in CI, where redrawing would fill
 * the log, it stays silent and the command's summary says what was done.
 */
export function createProgress(stream: NodeJS.WriteStream): Progress {
  if (!stream.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{label} [{bar}] {percentage} % · {value}/{total} · {duration_formatted}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(label, done, total) {
      if (!started) {
        bar.start(total, done, { label });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { label });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
