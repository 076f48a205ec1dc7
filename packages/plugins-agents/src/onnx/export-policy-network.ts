import { checkPolicyNetwork, type PolicyNetwork } from '../inference/policy-network.js';
import { OnnxGraphBuilder, type OnnxModelInfo } from './onnx-graph-builder.js';

/** Symbolic name of the batch dimension in exported models. */
export const BATCH_DIMENSION = 'batch';

/**
 * Writes a `PolicyNetwork` as an ONNX model: `Mul` by the input scale, per hidden layer
 * `Gemm → Relu → Mul(mask_k)`, per head `Gemm` (plus `Abs → MatMul` prior terms) and its activation
 * (`Softmax`, or `Sigmoid → Mul → Add` for bounded outputs). Dropout is not a node: callers pass masks,
 * so sampling survives onnxruntime's graph optimisation; all-ones masks give the deterministic pass.
 */
export function exportPolicyNetwork(network: PolicyNetwork, info: OnnxModelInfo & { readonly graphName?: string } = {}): Uint8Array {
  checkPolicyNetwork(network);
  const graph = new OnnxGraphBuilder(info.graphName ?? 'policy');
  graph.input(network.input, [BATCH_DIMENSION, network.inputSize]);
  network.maskNames.forEach((name, index) => graph.input(name, [BATCH_DIMENSION, network.hidden[index]!.outputs], `dropout mask of hidden layer ${index + 1}`));
  let current = network.input;
  if (network.inputScale !== undefined) {
    graph.initializer('input_scale', [network.inputSize], network.inputScale);
    graph.node('Mul', [current, 'input_scale'], ['scaled_input']);
    current = 'scaled_input';
  }
  network.hidden.forEach((layer, index) => {
    const prefix = `hidden_${index + 1}`;
    graph.initializer(`${prefix}_weight`, [layer.inputs, layer.outputs], layer.weight);
    graph.initializer(`${prefix}_bias`, [layer.outputs], layer.bias);
    graph.node('Gemm', [current, `${prefix}_weight`, `${prefix}_bias`], [`${prefix}_linear`]);
    graph.node('Relu', [`${prefix}_linear`], [`${prefix}_relu`]);
    current = `${prefix}_relu`;
    const mask = network.maskNames[index];
    if (mask !== undefined) {
      graph.node('Mul', [current, mask], [`${prefix}_dropped`]);
      current = `${prefix}_dropped`;
    }
  });
  const trunk = current;
  let absoluteTrunk: string | undefined;
  for (const head of network.heads) {
    const prefix = `head_${head.output}`;
    graph.initializer(`${prefix}_weight`, [head.layer.inputs, head.layer.outputs], head.layer.weight);
    graph.initializer(`${prefix}_bias`, [head.layer.outputs], head.layer.bias);
    graph.node('Gemm', [trunk, `${prefix}_weight`, `${prefix}_bias`], [`${prefix}_linear`]);
    let logits = `${prefix}_linear`;
    if (head.absoluteWeight !== undefined) {
      if (absoluteTrunk === undefined) {
        absoluteTrunk = `${trunk}_abs`;
        graph.node('Abs', [trunk], [absoluteTrunk]);
      }
      graph.initializer(`${prefix}_abs_weight`, [head.layer.inputs, head.layer.outputs], head.absoluteWeight);
      graph.node('MatMul', [absoluteTrunk, `${prefix}_abs_weight`], [`${prefix}_prior`]);
      graph.node('Add', [logits, `${prefix}_prior`], [`${prefix}_logits`]);
      logits = `${prefix}_logits`;
    }
    const activation = head.activation;
    if (activation.kind === 'softmax') {
      graph.node('Softmax', [logits], [head.output], { axis: { int: -1 } });
    } else if (activation.kind === 'scaled-sigmoid') {
      graph.initializer(`${prefix}_span`, [1], Float32Array.of(activation.high - activation.low));
      graph.initializer(`${prefix}_low`, [1], Float32Array.of(activation.low));
      graph.node('Sigmoid', [logits], [`${prefix}_sigmoid`]);
      graph.node('Mul', [`${prefix}_sigmoid`, `${prefix}_span`], [`${prefix}_scaled`]);
      graph.node('Add', [`${prefix}_scaled`, `${prefix}_low`], [head.output]);
    } else {
      graph.node('Identity', [logits], [head.output]);
    }
    graph.output(head.output, [BATCH_DIMENSION, head.layer.outputs]);
  }
  return graph.toBytes(info);
}
