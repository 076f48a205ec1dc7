export { SimulatedVenue } from './simulated-venue.js';
export type { SimulatedVenueDependencies } from './simulated-venue.js';
export { simulatedVenueOptions, feeScheduleOptions, slippageOptions, dayEndOptions } from './simulated-venue-options.js';
export type { SimulatedVenueOptions, SimulatedVenueOptionsInput, FeeScheduleOptions } from './simulated-venue-options.js';
export { FeeSchedule } from './fee-schedule.js';
export type { Liquidity } from './fee-schedule.js';
export { slippedPrice } from './slippage.js';
