/**
 * @grandmodel/plugins-agents — the GrandModel pipeline: matrix assemblers, synergy detector, strategic,
 * tactical and risk agents, a generic coordinator; ONNX inference with MC-dropout; MAPPO training.
 * @module
 */
export * from './assemblers/index.js';
export * from './synergy/index.js';
export * from './agents/index.js';
export * from './presets/index.js';
export * from './inference/index.js';
export * from './training/index.js';
