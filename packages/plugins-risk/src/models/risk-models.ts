import { correlationPlugin } from './correlation/correlation-plugin.js';
import { drawdownPlugin } from './drawdown/drawdown-plugin.js';
import { kellyPlugin } from './kelly/kelly-plugin.js';
import { stressPlugin } from './stress/stress-plugin.js';
import { varPlugin } from './var/var-plugin.js';

/**
 * Every risk-model plugin of this package, to register at once:
 * `loadSystem(config, { plugins: [...riskModels] })` makes `kelly`, `var`, `correlation`, `drawdown` and
 * `stress` usable in `risk: [...]`.
 */
export const riskModels = [kellyPlugin, varPlugin, correlationPlugin, drawdownPlugin, stressPlugin] as const;
