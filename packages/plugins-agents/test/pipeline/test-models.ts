// Test helpers: tiny ONNX models whose outputs are known exactly, written with the package's own exporter.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportPolicyNetwork } from '../../src/onnx/index.js';
import { RISK_MULTIPLIER_RANGE, type ModelContract, type NetworkHead, type PolicyNetwork } from '../../src/inference/index.js';

/** Makes one input feed the first hidden unit, and that unit shift the logits of one output. */
export interface Sensitivity {
  /** Index in the model input read by hidden unit 0 (weight 1, ReLU). */
  readonly input: number;
  readonly output: string;
  /** Added to each logit of `output` per unit of the hidden activation. */
  readonly slopes: readonly number[];
}

const logit = (p: number): number => Math.log(p / (1 - p));

/**
 * A network for `contract` whose outputs are `values` whatever the input (zero weights, biases chosen so that the
 * softmax of each probability head gives the values exactly, and the scaled sigmoid of `stop_target` gives its
 * values). With `masks`, the hidden widths are the contract's mask widths, so MC-dropout runs (and changes nothing).
 */
export function constantNetwork(contract: ModelContract, values: Readonly<Record<string, readonly number[]>>, options: { masks?: boolean; sensitivity?: Sensitivity } = {}): PolicyNetwork {
  const input = contract.inputs[0]!;
  const inputSize = input.shape[1]!;
  const widths = options.masks === true ? contract.masks.map((mask) => mask.shape[1]!) : [1];
  const hidden = widths.map((width, l) => {
    const inputs = l === 0 ? inputSize : widths[l - 1]!;
    const weight = new Float32Array(inputs * width);
    // Unit 0 passes the chosen input through every layer
    if (options.sensitivity !== undefined) weight[l === 0 ? options.sensitivity.input * width : 0] = 1;
    return { inputs, outputs: width, weight, bias: new Float32Array(width) };
  });
  const last = widths.at(-1)!;
  const heads: NetworkHead[] = contract.outputs.map((spec) => {
    const width = spec.shape[1]!;
    const wanted = values[spec.name];
    if (wanted === undefined || wanted.length !== width) throw new Error(`constantNetwork: ${contract.name} output ${spec.name} needs ${width} values`);
    const bounded = spec.name === 'stop_target';
    const bias = Float32Array.from(wanted, (v) => (bounded ? logit((v - RISK_MULTIPLIER_RANGE.low) / (RISK_MULTIPLIER_RANGE.high - RISK_MULTIPLIER_RANGE.low)) : Math.log(v)));
    const weight = new Float32Array(last * width);
    if (options.sensitivity?.output === spec.name) options.sensitivity.slopes.forEach((slope, j) => (weight[j] = slope));
    return {
      output: spec.name,
      layer: { inputs: last, outputs: width, weight, bias },
      activation: bounded ? { kind: 'scaled-sigmoid', low: RISK_MULTIPLIER_RANGE.low, high: RISK_MULTIPLIER_RANGE.high } : { kind: 'softmax' },
    };
  });
  return { input: input.name, inputSize, hidden, heads, maskNames: options.masks === true ? contract.masks.map((mask) => mask.name) : [] };
}

/** Writes a network as `<dir>/<name>.onnx` and returns the path. */
export function writeModel(dir: string, name: string, network: PolicyNetwork): string {
  const path = join(dir, `${name}.onnx`);
  writeFileSync(path, exportPolicyNetwork(network));
  return path;
}
