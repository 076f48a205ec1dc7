import { SdkError, toError, type SeededRandom } from '@grandmodel/framework';
import { McDropout, predictiveUncertainty, type OnnxPolicy } from '../inference/index.js';

/** How a policy is run. */
export interface PolicyRunnerSettings {
  /** MC-dropout passes (one batched call); 0 runs the deterministic pass. Needs a model with mask inputs. */
  readonly mcDropoutSamples: number;
  /** Wall-clock limit per run in ms, applied only outside backtests (a backtest must not depend on timing). */
  readonly timeoutMs: number | undefined;
  /** Mask source of MC-dropout. */
  readonly random: SeededRandom;
}

/** One output of a run: values (copied out of the policy's buffers) and, with MC-dropout, its uncertainty. */
export interface PolicyOutput {
  readonly values: Float64Array;
  /** Mutual information over the MC-dropout passes (nats); 0 for a deterministic run or a non-probability output. */
  readonly epistemic: number;
}

/** A run's outputs by name, or a failure (the caller falls back). */
export type PolicyOutcome = { readonly ok: true; readonly outputs: Readonly<Record<string, PolicyOutput>> } | { readonly ok: false; readonly error: Error };

/**
 * Runs one model for an agent: deterministic or MC-dropout (one batched inference), with the live-mode timeout.
 * Never throws: a failed or timed-out run is returned as `ok: false`, so agents can apply their fallback.
 */
export class PolicyRunner {
  readonly #mcDropout: McDropout | undefined;
  readonly #input: string;

  constructor(
    readonly policy: OnnxPolicy,
    private readonly settings: PolicyRunnerSettings,
  ) {
    const input = policy.contract.inputs[0];
    if (input === undefined || policy.contract.inputs.length !== 1) throw new SdkError('GM_INPUT_INVALID', `PolicyRunner: contract "${policy.contract.name}" must have exactly one input`);
    this.#input = input.name;
    this.#mcDropout = settings.mcDropoutSamples > 0 ? new McDropout(policy, { samples: settings.mcDropoutSamples, random: settings.random }) : undefined;
  }

  /** Number of values the model takes. */
  get inputWidth(): number {
    return this.policy.widthOf(this.#input);
  }

  /**
   * Runs the model once on zeros at the batch sizes it will see (1, and the MC-dropout batch), so onnxruntime's
   * first-call setup is not paid by the first decision. Draws no random numbers: the mask stream is untouched.
   */
  async warmUp(): Promise<void> {
    const zeros = new Float32Array(this.inputWidth);
    await this.policy.run({ [this.#input]: zeros }, 1);
    const samples = this.settings.mcDropoutSamples;
    if (samples > 0) await this.policy.run({ [this.#input]: new Float32Array(samples * zeros.length) }, samples);
  }

  /** Runs the model on one observation. */
  async run(input: Float32Array): Promise<PolicyOutcome> {
    try {
      const work = this.#mcDropout === undefined ? this.runOnce(input) : this.runSampled(input);
      const outputs = await withTimeout(work, this.settings.timeoutMs, this.policy.source);
      return { ok: true, outputs };
    } catch (error) {
      return { ok: false, error: toError(error) };
    }
  }

  private async runOnce(input: Float32Array): Promise<Record<string, PolicyOutput>> {
    const results = await this.policy.run({ [this.#input]: input }, 1);
    const outputs: Record<string, PolicyOutput> = {};
    for (const spec of this.policy.contract.outputs) outputs[spec.name] = { values: Float64Array.from(results[spec.name]!), epistemic: 0 };
    return outputs;
  }

  private async runSampled(input: Float32Array): Promise<Record<string, PolicyOutput>> {
    const result = await this.#mcDropout!.run({ [this.#input]: input });
    const outputs: Record<string, PolicyOutput> = {};
    for (const [name, output] of Object.entries(result.outputs)) {
      const probabilities = name.includes('probabilities') || name === 'weights';
      const epistemic = probabilities ? predictiveUncertainty(output.samples, result.sampleCount, output.width, output.mean).mutualInformation : 0;
      outputs[name] = { values: Float64Array.from(output.mean), epistemic };
    }
    return outputs;
  }
}

/** Races `work` against a timer when `timeoutMs` is set. */
function withTimeout<T>(work: Promise<T>, timeoutMs: number | undefined, source: string): Promise<T> {
  if (timeoutMs === undefined) return work;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${source}: inference took longer than ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
