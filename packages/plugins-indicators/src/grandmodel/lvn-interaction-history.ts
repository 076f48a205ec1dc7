/** Parameters of the LVN interaction history. */
export interface LvnInteractionSettings {
  /** Tests older than this many seconds are forgotten. */
  readonly historySeconds: number;
  /** A close within `testFraction × price` of the LVN is a test. */
  readonly testFraction: number;
  /** A test is rejected when a later close moves beyond `rejectionMultiplier ×` the test distance. */
  readonly rejectionMultiplier: number;
  /** Bars after a test in which a rejection can happen. */
  readonly rejectionBars: number;
  /** Hours over which the recency factor decays to 0. */
  readonly recencyHours: number;
  /** When false, rejections are never counted (the repo's behaviour). */
  readonly countRejections: boolean;
}

/**
 * Tests of LVN levels over the last `historySeconds`, keyed by absolute tick, for the engine's strength overlay
 * (golden §4.5). Entries form one time-ordered FIFO: pruning everything older than the window is equivalent to
 * pruning only the looked-up key, because later bars only look further ahead. Each entry keeps the closes of the
 * `rejectionBars` bars after it, so rejections need no price history. Memory grows with the tests in the window
 * (at most one per bar) and is reused.
 */
export class LvnInteractionHistory {
  testCount = 0;
  rejectionCount = 0;
  recency = 0;
  readonly #settings: LvnInteractionSettings;
  #capacity = 512;
  #head = 0;
  #size = 0;
  #bar = new Float64Array(this.#capacity);
  #time = new Float64Array(this.#capacity);
  #key = new Float64Array(this.#capacity);
  #followCount = new Uint8Array(this.#capacity);
  #followCloses: Float64Array;

  constructor(settings: LvnInteractionSettings) {
    this.#settings = settings;
    this.#followCloses = new Float64Array(this.#capacity * settings.rejectionBars);
  }

  /** Records bar `index`'s close for the tests of the preceding `rejectionBars` bars; call on every bar first. */
  observeClose(index: number, close: number): void {
    const { rejectionBars } = this.#settings;
    for (let back = this.#size - 1; back >= 0; back -= 1) {
      const slot = (this.#head + back) % this.#capacity;
      const testBar = this.#bar[slot] as number;
      if (testBar < index - rejectionBars) break;
      const recorded = this.#followCount[slot] as number;
      this.#followCloses[slot * rejectionBars + recorded] = close;
      this.#followCount[slot] = recorded + 1;
    }
  }

  /**
   * Prunes, records a test of the level `price` (tick `key`) when the close is near it, then counts the level's
   * tests, rejections and recency as of bar `index` at `time` seconds.
   */
  evaluate(index: number, time: number, close: number, price: number, key: number): void {
    const settings = this.#settings;
    while (this.#size > 0 && (this.#time[this.#head] as number) <= time - settings.historySeconds) {
      this.#head = (this.#head + 1) % this.#capacity;
      this.#size -= 1;
    }
    const threshold = price * settings.testFraction;
    if (Math.abs(close - price) <= threshold) this.#append(index, time, key);
    const rejectionDistance = threshold * settings.rejectionMultiplier;
    const rejectionBars = settings.rejectionBars;
    let tests = 0;
    let rejections = 0;
    let lastTime = Number.NaN;
    for (let offset = 0; offset < this.#size; offset += 1) {
      const slot = (this.#head + offset) % this.#capacity;
      if (this.#key[slot] !== key) continue;
      tests += 1;
      lastTime = this.#time[slot] as number;
      if (!settings.countRejections) continue;
      const recorded = this.#followCount[slot] as number;
      for (let follow = 0; follow < recorded; follow += 1) {
        if (Math.abs((this.#followCloses[slot * rejectionBars + follow] as number) - price) > rejectionDistance) {
          rejections += 1;
          break;
        }
      }
    }
    this.testCount = tests;
    this.rejectionCount = rejections;
    this.recency = tests === 0 ? 0 : Math.max(0, 1 - (time - lastTime) / 3600 / settings.recencyHours);
  }

  /** Forgets every test. */
  reset(): void {
    this.#head = this.#size = 0;
    this.testCount = this.rejectionCount = this.recency = 0;
  }

  #append(index: number, time: number, key: number): void {
    if (this.#size === this.#capacity) this.#grow();
    const slot = (this.#head + this.#size) % this.#capacity;
    this.#bar[slot] = index;
    this.#time[slot] = time;
    this.#key[slot] = key;
    this.#followCount[slot] = 0;
    this.#size += 1;
  }

  #grow(): void {
    const capacity = this.#capacity * 2;
    const rejectionBars = this.#settings.rejectionBars;
    const bar = new Float64Array(capacity);
    const time = new Float64Array(capacity);
    const key = new Float64Array(capacity);
    const followCount = new Uint8Array(capacity);
    const followCloses = new Float64Array(capacity * rejectionBars);
    for (let offset = 0; offset < this.#size; offset += 1) {
      const slot = (this.#head + offset) % this.#capacity;
      bar[offset] = this.#bar[slot] as number;
      time[offset] = this.#time[slot] as number;
      key[offset] = this.#key[slot] as number;
      followCount[offset] = this.#followCount[slot] as number;
      followCloses.set(this.#followCloses.subarray(slot * rejectionBars, (slot + 1) * rejectionBars), offset * rejectionBars);
    }
    this.#capacity = capacity;
    this.#head = 0;
    this.#bar = bar;
    this.#time = time;
    this.#key = key;
    this.#followCount = followCount;
    this.#followCloses = followCloses;
  }
}
