/**
 * A small ONNX writer and reader (protobufjs over a subset of onnx.proto): build float32 graphs, export
 * the SDK's policy networks, and read a model file's declared interface and metadata.
 * @module
 */
export { OnnxGraphBuilder } from './onnx-graph-builder.js';
export type { OnnxAttributeValue, OnnxDimension, OnnxModelInfo } from './onnx-graph-builder.js';
export { exportPolicyNetwork, BATCH_DIMENSION } from './export-policy-network.js';
export { readOnnxModel } from './read-onnx-model.js';
export type { OnnxModelSummary, OnnxValueSummary } from './read-onnx-model.js';
export { ONNX_IR_VERSION, ONNX_OPSET_VERSION } from './onnx-schema.js';
