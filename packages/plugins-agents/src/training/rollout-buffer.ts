/** Widths of what one step stores per actor. */
export interface ActorSlots {
  readonly observation: number;
  /** Stored action values per step (a categorical head stores its index, a Gaussian head its raw sample). */
  readonly action: number;
}

/**
 * The steps of the current rollout, in growable typed arrays: per actor its observation, action and
 * log-probability, plus the joint (critic) observation, values, rewards (`valueWidth` per step: one shared,
 * or one per actor) and done flag of each step.
 */
export class RolloutBuffer {
  count = 0;
  private capacity: number;
  observations: Float32Array[];
  actions: Float32Array[];
  logProbabilities: Float64Array[];
  joint: Float32Array;
  values: Float64Array;
  rewards: Float64Array;
  dones: Float64Array;

  constructor(
    readonly actors: readonly ActorSlots[],
    readonly jointWidth: number,
    initialCapacity = 256,
    readonly valueWidth = 1,
  ) {
    this.capacity = initialCapacity;
    this.observations = actors.map((a) => new Float32Array(initialCapacity * a.observation));
    this.actions = actors.map((a) => new Float32Array(initialCapacity * a.action));
    this.logProbabilities = actors.map(() => new Float64Array(initialCapacity));
    this.joint = new Float32Array(initialCapacity * jointWidth);
    this.values = new Float64Array(initialCapacity * valueWidth);
    this.rewards = new Float64Array(initialCapacity * valueWidth);
    this.dones = new Float64Array(initialCapacity);
  }

  /** Index of a new step, growing the arrays when full; the caller fills its slots. */
  addStep(): number {
    if (this.count === this.capacity) this.grow();
    return this.count++;
  }

  /** Forgets every step (keeps the arrays). */
  clear(): void {
    this.count = 0;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const widen = <T extends Float32Array | Float64Array>(array: T, width: number): T => {
      const next = new (array.constructor as new (n: number) => T)(capacity * width);
      next.set(array);
      return next;
    };
    this.observations = this.observations.map((a, i) => widen(a, this.actors[i]!.observation));
    this.actions = this.actions.map((a, i) => widen(a, this.actors[i]!.action));
    this.logProbabilities = this.logProbabilities.map((a) => widen(a, 1));
    this.joint = widen(this.joint, this.jointWidth);
    this.values = widen(this.values, this.valueWidth);
    this.rewards = widen(this.rewards, this.valueWidth);
    this.dones = widen(this.dones, 1);
    this.capacity = capacity;
  }
}
