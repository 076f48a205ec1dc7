export { StrategicAgent, synergyReference } from './strategic-agent.js';
export type { StrategicPolicies, StrategicAgentStats } from './strategic-agent.js';
export { strategicAgentOptions } from './strategic-agent-options.js';
export type { StrategicAgentOptions } from './strategic-agent-options.js';
export { strategicAgentPlugin, STRATEGIC_AGENT_ID } from './strategic-agent-plugin.js';
export {
  aggregateStrategic,
  applyStrategySupport,
  entropy,
  gatingConfidence,
  strategicContext,
  STRATEGIC_ACTIONS,
  FALLBACK_PROBABILITIES,
  FALLBACK_CONFIDENCE,
} from './strategic-aggregation.js';
export type { AgentOpinion, ConfidenceFormula, StrategicAggregate, StrategicAction } from './strategic-aggregation.js';
export { TacticalAgent } from './tactical-agent.js';
export type { TacticalPolicies, TacticalAgentStats, TacticalVeto, AtrSource } from './tactical-agent.js';
export { tacticalAgentOptions } from './tactical-agent-options.js';
export type { TacticalAgentOptions } from './tactical-agent-options.js';
export { tacticalAgentPlugin, TACTICAL_AGENT_ID } from './tactical-agent-plugin.js';
export { aggregateTactical, atrBracket, voteOf, DEFAULT_SYNERGY_WEIGHTS, TACTICAL_ACTION_VALUES } from './tactical-aggregation.js';
export type { TacticalVote, TacticalConsensus, TacticalVoteSettings } from './tactical-aggregation.js';
export { RiskAgent } from './risk-agent.js';
export type { RiskAgentMarket, RiskAgentStats, RiskVeto } from './risk-agent.js';
export { riskAgentOptions } from './risk-agent-options.js';
export type { RiskAgentOptions } from './risk-agent-options.js';
export { riskAgentPlugin, RISK_AGENT_ID } from './risk-agent-plugin.js';
export { RiskStateTracker, RISK_STATE_FEATURES } from './risk-state.js';
export type { RiskStateSettings, AccountReading } from './risk-state.js';
export { Coordinator, weightedVote } from './coordinator.js';
export type { CoordinatorStats, CoordinatorVerdict } from './coordinator.js';
export { coordinatorOptions } from './coordinator-options.js';
export type { CoordinatorOptions } from './coordinator-options.js';
export { SourceAccuracy } from './source-accuracy.js';
export { IndicatorSignalAgent, indicatorSignalOptions, signalOf } from './indicator-signal-agent.js';
export type { IndicatorSignalOptions } from './indicator-signal-agent.js';
export { coordinatorPlugin, indicatorSignalPlugin, COORDINATOR_ID } from './coordination-plugins.js';
export { PolicyRunner } from './policy-runner.js';
export type { PolicyRunnerSettings, PolicyOutput, PolicyOutcome } from './policy-runner.js';
export { LatencyRecorder } from './latency-recorder.js';
export type { LatencySummary } from './latency-recorder.js';
export type { AgentBus, AgentServices, SynergyEvent, DecisionEvent } from './agent-services.js';
export { loadRunner, resolveAssembler, resolveOutput, agentLifecycle } from './agent-wiring.js';
export { optionalService } from './optional-service.js';
