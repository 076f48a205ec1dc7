/**
 * Model inference for the GrandModel agents: model contracts, ONNX policies checked against them,
 * MC-dropout as one batched call, and a plain TypeScript forward pass of the SDK's policy networks.
 * @module
 */
export type { ModelContract, TensorSpec } from './model-contract.js';
export {
  MODEL_CONTRACTS,
  modelContract,
  STRATEGIC_MLMI_CONTRACT,
  STRATEGIC_NWRQK_CONTRACT,
  STRATEGIC_REGIME_CONTRACT,
  GATING_CONTRACT,
  TACTICAL_FVG_CONTRACT,
  TACTICAL_MOMENTUM_CONTRACT,
  TACTICAL_ENTRY_CONTRACT,
  RISK_CONTRACT,
  STRATEGIC_HIDDEN,
  TACTICAL_HIDDEN,
  RISK_HIDDEN,
  RISK_STATE_SIZE,
  RISK_SIZE_CHOICES,
  RISK_MONITOR_ACTIONS,
  RISK_MULTIPLIER_RANGE,
} from './model-contracts.js';
export { checkContract, formatShape } from './contract-check.js';
export type { ContractCheck, DeclaredInterface, DeclaredTensor } from './contract-check.js';
export { OnnxPolicy, MODEL_ERROR_CODE } from './onnx-policy.js';
export type { OnnxPolicyOptions } from './onnx-policy.js';
export { McDropout, DEFAULT_MC_SAMPLES } from './mc-dropout.js';
export type { McDropoutOptions, McDropoutOutput, McDropoutResult } from './mc-dropout.js';
export { fillDropoutMask } from './dropout-masks.js';
export { predictiveUncertainty } from './predictive-uncertainty.js';
export type { PredictiveUncertainty } from './predictive-uncertainty.js';
export { PolicyForward } from './policy-forward.js';
export { checkPolicyNetwork, parameterCount } from './policy-network.js';
export type { PolicyNetwork, DenseLayer, NetworkHead, HeadActivation } from './policy-network.js';
export { SHIPPED_MODELS_DIR, shippedModelPath, shippedModelCardPath, loadPolicy } from './shipped-models.js';
export * from '../onnx/index.js';
