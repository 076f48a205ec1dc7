/** One tensor a model takes or gives. `shape` uses -1 for the (dynamic) batch dimension. */
export interface TensorSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32';
  /** What the values mean, in words (layout, ranges, order of columns). */
  readonly meaning: string;
}

/**
 * The interface a model file must have to fill a role in the pipeline (a strategic actor, the gating
 * network, …). `OnnxPolicy.load` checks a file against it, so a policy trained anywhere drops in when its
 * input and output names, shapes and types match.
 */
export interface ModelContract {
  /** Contract id, e.g. `strategic-mlmi`; shipped models record it in their metadata. */
  readonly name: string;
  readonly description: string;
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
  /**
   * Dropout-mask inputs for MC-dropout, one per hidden layer. A model either has all of them or none
   * (then it runs deterministically only). Values are 0 or 1/(1−p); all ones is the deterministic pass.
   */
  readonly masks: readonly TensorSpec[];
  /** Dropout probability p that masks are drawn with (the rate the model was trained with). */
  readonly dropoutRate: number;
}
