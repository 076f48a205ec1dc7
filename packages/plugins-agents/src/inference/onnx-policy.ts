import { readFile } from 'node:fs/promises';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { SdkError } from '@grandmodel/framework';
import { readOnnxModel } from '../onnx/read-onnx-model.js';
import { checkContract, type DeclaredTensor } from './contract-check.js';
import type { ModelContract, TensorSpec } from './model-contract.js';

/** Error code of model files that do not fit their contract. */
export const MODEL_ERROR_CODE = 'GM_MODEL_INVALID' as const;

/** How `OnnxPolicy` sets up its onnxruntime session. */
export interface OnnxPolicyOptions {
  /** Intra-op threads (default 1: the models are small, and one thread keeps latency steady). */
  readonly threads?: number;
  /** onnxruntime graph optimisation level (default `all`). */
  readonly optimization?: 'disabled' | 'basic' | 'extended' | 'all';
}

interface BatchBuffers {
  readonly feeds: Record<string, Tensor>;
  readonly fetches: Record<string, Tensor>;
  readonly inputs: Record<string, Float32Array>;
  readonly results: Record<string, Float32Array>;
}

/**
 * A policy model in onnxruntime, checked against its contract when loaded. `run` copies inputs into
 * buffers kept per batch size and has onnxruntime write into preallocated output buffers, so repeated
 * calls allocate no large arrays. Models with mask inputs get all-ones masks unless the caller passes
 * masks (see `McDropout`). Calls are serialised: one inference at a time per policy.
 */
export class OnnxPolicy {
  /** Metadata stored in the model file (`metadata_props`), e.g. `contract`, `dropout_rate`. */
  readonly metadata: Readonly<Record<string, string>>;
  /** True when the model has the contract's dropout-mask inputs. */
  readonly hasMasks: boolean;
  /** Dropout probability for masks: the file's `dropout_rate` metadata, else the contract's. */
  readonly dropoutRate: number;
  private readonly buffers = new Map<number, BatchBuffers>();
  private busy: Promise<unknown> | undefined;

  private constructor(
    readonly session: InferenceSession,
    readonly contract: ModelContract,
    readonly source: string,
    metadata: Readonly<Record<string, string>>,
    hasMasks: boolean,
  ) {
    this.metadata = metadata;
    this.hasMasks = hasMasks;
    const rate = Number(metadata['dropout_rate']);
    this.dropoutRate = Number.isFinite(rate) && rate >= 0 && rate < 1 ? rate : contract.dropoutRate;
  }

  /** Loads an `.onnx` file and checks it against `contract`; throws listing every mismatch. */
  static async load(path: string, contract: ModelContract, options: OnnxPolicyOptions = {}): Promise<OnnxPolicy> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (cause) {
      throw new SdkError('GM_DATA_FILE', `Cannot read model file ${path}: ${(cause as Error).message}`, { cause });
    }
    return OnnxPolicy.fromBytes(bytes, contract, options, path);
  }

  /** Same as `load` for model bytes already in memory; `source` names them in errors. */
  static async fromBytes(bytes: Uint8Array, contract: ModelContract, options: OnnxPolicyOptions = {}, source = 'model bytes'): Promise<OnnxPolicy> {
    const summary = readOnnxModel(bytes, source);
    let session: InferenceSession;
    try {
      session = await InferenceSession.create(bytes, {
        intraOpNumThreads: options.threads ?? 1,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: options.optimization ?? 'all',
      });
    } catch (cause) {
      throw new SdkError(MODEL_ERROR_CODE, `${source}: onnxruntime cannot load the model: ${(cause as Error).message}`, { cause });
    }
    const declared = { inputs: session.inputMetadata.map(declaredTensor), outputs: session.outputMetadata.map(declaredTensor) };
    const check = checkContract(declared, contract);
    if (check.mismatches.length > 0) {
      await session.release();
      throw new SdkError(
        MODEL_ERROR_CODE,
        `${source}: the model does not match contract "${contract.name}" (${check.mismatches.length} problem${check.mismatches.length === 1 ? '' : 's'}):\n${check.mismatches.map((m) => `  - ${m}`).join('\n')}\nSee docs/reference/models.md#${contract.name}`,
        { details: { contract: contract.name, mismatches: check.mismatches } },
      );
    }
    return new OnnxPolicy(session, contract, source, summary.metadata, check.hasMasks);
  }

  /** Width (values per row) of a contract input, output or mask. */
  widthOf(name: string): number {
    const spec = [...this.contract.inputs, ...this.contract.outputs, ...this.contract.masks].find((s) => s.name === name);
    if (spec === undefined) throw new SdkError('GM_INPUT_INVALID', `Contract "${this.contract.name}" has no tensor "${name}"`);
    return rowWidth(spec);
  }

  /**
   * Runs `batch` rows. `inputs` holds every contract input (`batch × width` values each) and optionally
   * the masks. The returned arrays are this policy's buffers for that batch size: read or copy them
   * before the next call with the same batch size.
   */
  run(inputs: Readonly<Record<string, Float32Array>>, batch = 1): Promise<Readonly<Record<string, Float32Array>>> {
    if (!Number.isInteger(batch) || batch < 1) return Promise.reject(new SdkError('GM_INPUT_INVALID', `${this.source}: batch must be a positive integer, was ${batch}`));
    const previous = this.busy;
    const result = previous === undefined ? this.runNow(inputs, batch) : previous.then(() => this.runNow(inputs, batch));
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.busy = settled;
    void settled.then(() => {
      if (this.busy === settled) this.busy = undefined;
    });
    return result;
  }

  /** Releases the onnxruntime session. */
  async dispose(): Promise<void> {
    await this.session.release();
  }

  private async runNow(inputs: Readonly<Record<string, Float32Array>>, batch: number): Promise<Readonly<Record<string, Float32Array>>> {
    const buffers = this.buffersFor(batch);
    const problems: string[] = [];
    for (const spec of this.contract.inputs) copyInto(spec, inputs[spec.name], buffers.inputs[spec.name]!, batch, problems);
    if (this.hasMasks) {
      for (const spec of this.contract.masks) {
        const given = inputs[spec.name];
        // Without caller masks the buffer keeps (or is reset to) all ones: the deterministic pass
        if (given === undefined) buffers.inputs[spec.name]!.fill(1);
        else copyInto(spec, given, buffers.inputs[spec.name]!, batch, problems);
      }
    }
    const allowed = new Set([...this.contract.inputs, ...(this.hasMasks ? this.contract.masks : [])].map((s) => s.name));
    for (const name of Object.keys(inputs)) if (!allowed.has(name)) problems.push(`unknown input "${name}" (expected ${[...allowed].join(', ')})`);
    if (problems.length > 0) throw new SdkError('GM_INPUT_INVALID', `${this.source}: ${problems.join('; ')}`);
    await this.session.run(buffers.feeds, buffers.fetches);
    return buffers.results;
  }

  private buffersFor(batch: number): BatchBuffers {
    let buffers = this.buffers.get(batch);
    if (buffers !== undefined) return buffers;
    const feeds: Record<string, Tensor> = {};
    const inputs: Record<string, Float32Array> = {};
    for (const spec of [...this.contract.inputs, ...(this.hasMasks ? this.contract.masks : [])]) {
      const data = new Float32Array(batch * rowWidth(spec)).fill(1);
      inputs[spec.name] = data;
      feeds[spec.name] = new Tensor('float32', data, concreteShape(spec, batch));
    }
    const fetches: Record<string, Tensor> = {};
    const results: Record<string, Float32Array> = {};
    for (const spec of this.contract.outputs) {
      const data = new Float32Array(batch * rowWidth(spec));
      results[spec.name] = data;
      fetches[spec.name] = new Tensor('float32', data, concreteShape(spec, batch));
    }
    buffers = { feeds, fetches, inputs, results };
    this.buffers.set(batch, buffers);
    return buffers;
  }
}

function copyInto(spec: TensorSpec, given: Float32Array | undefined, target: Float32Array, batch: number, problems: string[]): void {
  if (given === undefined) {
    problems.push(`missing input "${spec.name}"`);
    return;
  }
  if (given.length !== target.length) {
    problems.push(`input "${spec.name}": expected ${target.length} values (batch ${batch} × ${target.length / batch}), received ${given.length}`);
    return;
  }
  target.set(given);
}

function rowWidth(spec: TensorSpec): number {
  return spec.shape.reduce((product, dim) => (dim === -1 ? product : product * dim), 1);
}

function concreteShape(spec: TensorSpec, batch: number): number[] {
  return spec.shape.map((dim) => (dim === -1 ? batch : dim));
}

function declaredTensor(meta: InferenceSession.ValueMetadata): DeclaredTensor {
  if (!meta.isTensor) return { name: meta.name, type: undefined, shape: [] };
  return { name: meta.name, type: meta.type, shape: meta.shape };
}
