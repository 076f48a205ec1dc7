import type { Clock } from '../../clock/clock.js';

/**
 * The clock of a replayed feed: data time that runs `speed` times faster than the wall clock from the
 * moment the replay starts, anchored at the first record's time. With speed 0 (as fast as possible) it
 * shows the time of the last record delivered.
 */
export class ReplayClock implements Clock {
  readonly simulated = false;
  private anchorData = Number.NaN;
  private anchorWall = 0;
  private lastData = 0;

  constructor(
    private readonly speed: number,
    private readonly wallClock: () => number,
  ) {}

  /** Starts the timeline: `dataTime` now corresponds to the current wall time. */
  anchor(dataTime: number): void {
    this.anchorData = dataTime;
    this.anchorWall = this.wallClock();
    this.lastData = dataTime;
  }

  /** Records that data up to `dataTime` has been delivered. */
  delivered(dataTime: number): void {
    if (dataTime > this.lastData) this.lastData = dataTime;
  }

  /** Wall time at which data time `dataTime` is due. */
  wallTimeOf(dataTime: number): number {
    return this.anchorWall + (dataTime - this.anchorData) / this.speed;
  }

  now(): number {
    if (this.speed === 0 || Number.isNaN(this.anchorData)) return this.lastData;
    return Math.max(this.lastData, this.anchorData + (this.wallClock() - this.anchorWall) * this.speed);
  }
}
