// The end-to-end side of the benchmark: a full `grandmodel run` (CSV source, engine, run folder, report)
import { join } from 'node:path';
import { runSystem } from '@grandmodel/framework';

const [csv, dir] = process.argv.slice(2);
const started = performance.now();
const { result } = await runSystem({
  config: {
    name: 'bench',
    instruments: [{ symbol: 'NQ', tickSize: 0.25, multiplier: 20 }],
    data: { use: 'csv', options: { path: csv!, symbol: 'NQ' } },
    agents: [{ use: 'sma-cross', options: { fast: 10, slow: 30, quantity: 1, allowShort: false } }],
    logging: { level: 'silent' },
  },
  out: join(dir!, 'run'),
  env: {},
});
process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, rssMb: process.resourceUsage().maxRSS / 1024, bars: result.barsProcessed })}\n`);
