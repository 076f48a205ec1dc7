/** Shows how far a run is: a live line on a terminal, a plain line every few seconds otherwise. */
export class ProgressReporter {
  private lastPrint = 0;
  private readonly startedAt: number;

  constructor(
    private readonly stream: { write(text: string): unknown; readonly isTTY?: boolean },
    private readonly label: string,
    // Progress is a display concern: it reads the wall clock, never the run's clock
    private readonly wallClock: () => number = () => performance.now(),
  ) {
    this.startedAt = wallClock();
  }

  /** Reports that `processed` bars are done, the last one closing at `time` (epoch ms). */
  update(processed: number, time: number): void {
    const now = this.wallClock();
    const interactive = this.stream.isTTY === true;
    if (now - this.lastPrint < (interactive ? 100 : 5000)) return;
    this.lastPrint = now;
    const line = this.format(processed, time, now);
    this.stream.write(interactive ? `\r${line}\u001b[K` : `${line}\n`);
  }

  /** Prints the final line. */
  done(processed: number): void {
    const now = this.wallClock();
    const seconds = (now - this.startedAt) / 1000;
    const rate = seconds > 0 ? Math.round(processed / seconds) : processed;
    this.stream.write(`${this.stream.isTTY ? '\r\u001b[K' : ''}${this.label}: ${processed.toLocaleString('en-US')} bars in ${seconds.toFixed(1)} s (${rate.toLocaleString('en-US')} bars/s)\n`);
  }

  private format(processed: number, time: number, now: number): string {
    const seconds = (now - this.startedAt) / 1000;
    const rate = seconds > 0 ? Math.round(processed / seconds) : 0;
    const at = Number.isFinite(time) ? new Date(time).toISOString().slice(0, 16).replace('T', ' ') : '';
    return `${this.label}: ${processed.toLocaleString('en-US')} bars, at ${at} UTC, ${rate.toLocaleString('en-US')} bars/s`;
  }
}
