/**
 * Training of the GrandModel agents: MAPPO on tfjs (wasm backend) with the backtest engine as the
 * environment, ONNX export of the trained policies and model cards.
 * @module
 */
export { useTrainingBackend } from './tf-backend.js';
export { MappoTrainer } from './mappo-trainer.js';
export type { UpdateMetrics } from './mappo-trainer.js';
export { MappoActor } from './mappo-actor.js';
export type { ActorDefinition, ActionHead, ActorDecision } from './mappo-actor.js';
export { DEFAULT_MAPPO_SETTINGS, cosineLearningRate } from './mappo-settings.js';
export type { MappoSettings } from './mappo-settings.js';
export { initialLayers, xavierUniform } from './network-spec.js';
export type { NetworkSpec, HeadSpec, BiasInit, LayerInit } from './network-spec.js';
export { TfPolicyNetwork } from './tf-policy-network.js';
export { AdamOptimizer } from './adam-optimizer.js';
export type { AdamSettings } from './adam-optimizer.js';
export { generalizedAdvantage, normalizeInPlace } from './generalized-advantage.js';
export { sampleCategorical, argmax, categoricalEntropy, gaussianLogDensity } from './categorical.js';
export { trainModels, SYSTEM_NAMES, DEFAULT_EPISODE_STEPS } from './train-models.js';
export type { TrainModelsOptions, TrainModelsResult, TrainedModel } from './train-models.js';
export { TrainingSession } from './training-session.js';
export type { EpisodeReport, TrainingSessionSettings } from './training-session.js';
export type { SystemName, TrainingSystem, DecisionContext, StepOutcome } from './training-system.js';
export { StrategicSystem } from './strategic-system.js';
export { TacticalSystem, TACTICAL_ATTENTION } from './tactical-system.js';
export type { TacticalSystemOptions } from './tactical-system.js';
export { mirrorTacticalMatrix, mirrorStrategicMatrix, TACTICAL_ROWS, TACTICAL_COLUMNS } from './market-mirror.js';
export { SynergyTrade, SYNERGY_TRADE_HOLDING_MINUTES } from './synergy-trade.js';
export { RiskSystem, RISK_SIGNAL_LOOKBACK } from './risk-system.js';
export { TrainingAgent, trainingAgentPlugin, TRAINING_AGENT_PLUGIN_ID } from './training-agent.js';
export type { TrainingHarness, TrainingDetector } from './training-agent.js';
export { strategicReward, tacticalReward, riskReward, drawdownPenalty, STRATEGIC_REWARD_WEIGHTS, RISK_TERM } from './reward-terms.js';
export type { RewardBreakdown, StrategicStep, TacticalStep, RiskStep } from './reward-terms.js';
export { RunningStatistics } from './running-statistics.js';
export { TradingDesk } from './trading-desk.js';
export { formatModelCard, sha256Hex } from './model-card.js';
export type { ModelCard } from './model-card.js';
