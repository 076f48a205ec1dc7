export type { DataSource, DataSourceOutput, DataSourceStats, TimeRange } from './data-source.js';
export { NullDataSource } from './data-source.js';
export type { Indicator, IndicatorBinding, IndicatorComponent, IndicatorRegistry, BarInput } from './indicator.js';
export type { Agent } from './agent.js';
export { NullAgent } from './agent.js';
export type { RiskModel, RiskVerdict, RiskCheckContext, TradingState } from './risk-model.js';
export { NullRiskModel, APPROVE } from './risk-model.js';
export type { Broker, BrokerCapabilities, BrokerCapability, BrokerListener, AccountSnapshot, OrderChanges, ExecutionAlgorithm } from './broker.js';
export { ImmediateExecution } from './broker.js';
