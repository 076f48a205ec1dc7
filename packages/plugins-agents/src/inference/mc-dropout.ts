import { SdkError, type SeededRandom } from '@grandmodel/framework';
import { fillDropoutMask } from './dropout-masks.js';
import type { OnnxPolicy } from './onnx-policy.js';

/** Number of MC-dropout passes unless configured (spec §6.3). */
export const DEFAULT_MC_SAMPLES = 50;

/** Options of `McDropout`. */
export interface McDropoutOptions {
  /** Number of stochastic passes (default 50). */
  readonly samples?: number;
  /** Source of the masks; give each component its own fork so runs stay reproducible. */
  readonly random: SeededRandom;
  /** Dropout probability; default the policy's (model metadata, else contract). */
  readonly dropoutRate?: number;
}

/** Statistics of one output over the passes. */
export interface McDropoutOutput {
  readonly width: number;
  /** Per-column mean over the passes. */
  readonly mean: Float32Array;
  /** Per-column sample standard deviation (n − 1) over the passes. */
  readonly std: Float32Array;
  /** Every pass, row-major `samples × width`. */
  readonly samples: Float32Array;
}

/** What one MC-dropout evaluation gives, per contract output. */
export interface McDropoutResult {
  readonly sampleCount: number;
  readonly outputs: Readonly<Record<string, McDropoutOutput>>;
}

/**
 * MC-dropout as ONE batched inference: the batch holds `samples` copies of the input, each with its own
 * dropout masks drawn from a SeededRandom, so the spread of the outputs measures model uncertainty.
 * Buffers are allocated once; the returned result is overwritten by the next `run`.
 */
export class McDropout {
  readonly sampleCount: number;
  readonly dropoutRate: number;
  private readonly feeds: Record<string, Float32Array> = {};
  private readonly result: McDropoutResult;

  constructor(
    readonly policy: OnnxPolicy,
    private readonly options: McDropoutOptions,
  ) {
    if (!policy.hasMasks) {
      throw new SdkError(
        'GM_INPUT_INVALID',
        `${policy.source}: MC-dropout needs the dropout-mask inputs [${policy.contract.masks.map((m) => m.name).join(', ')}] of contract "${policy.contract.name}", and this model has none`,
      );
    }
    const samples = options.samples ?? DEFAULT_MC_SAMPLES;
    if (!Number.isInteger(samples) || samples < 2) throw new SdkError('GM_INPUT_INVALID', `MC-dropout samples must be an integer >= 2, was ${samples}`);
    this.sampleCount = samples;
    this.dropoutRate = options.dropoutRate ?? policy.dropoutRate;
    for (const spec of [...policy.contract.inputs, ...policy.contract.masks]) this.feeds[spec.name] = new Float32Array(samples * policy.widthOf(spec.name));
    const outputs: Record<string, McDropoutOutput> = {};
    for (const spec of policy.contract.outputs) {
      const width = policy.widthOf(spec.name);
      outputs[spec.name] = { width, mean: new Float32Array(width), std: new Float32Array(width), samples: new Float32Array(samples * width) };
    }
    this.result = { sampleCount: samples, outputs };
  }

  /** Evaluates one observation (`inputs` hold one row per contract input) with fresh masks. */
  async run(inputs: Readonly<Record<string, Float32Array>>): Promise<McDropoutResult> {
    const policy = this.policy;
    const n = this.sampleCount;
    for (const spec of policy.contract.inputs) {
      const row = inputs[spec.name];
      const width = policy.widthOf(spec.name);
      if (row === undefined || row.length !== width) {
        throw new SdkError('GM_INPUT_INVALID', `${policy.source}: MC-dropout input "${spec.name}": expected one row of ${width} values, received ${row === undefined ? 'none' : row.length}`);
      }
      const tiled = this.feeds[spec.name]!;
      for (let s = 0; s < n; s++) tiled.set(row, s * width);
    }
    for (const spec of policy.contract.masks) fillDropoutMask(this.feeds[spec.name]!, this.dropoutRate, this.options.random);
    const outputs = await policy.run(this.feeds, n);
    for (const spec of policy.contract.outputs) summarise(outputs[spec.name]!, this.result.outputs[spec.name]!, n);
    return this.result;
  }
}

function summarise(values: Float32Array, target: McDropoutOutput, n: number): void {
  const { width, mean, std, samples } = target;
  samples.set(values);
  for (let j = 0; j < width; j++) {
    let sum = 0;
    for (let s = 0; s < n; s++) sum += values[s * width + j]!;
    const m = sum / n;
    let squares = 0;
    for (let s = 0; s < n; s++) {
      const d = values[s * width + j]! - m;
      squares += d * d;
    }
    mean[j] = m;
    std[j] = Math.sqrt(squares / (n - 1));
  }
}
