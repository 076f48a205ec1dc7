export { Portfolio } from './portfolio.js';
export type { PortfolioOptions, PortfolioSnapshot, InstrumentLookup } from './portfolio.js';
export { roundMoney, MONEY_DECIMALS } from './round-money.js';
