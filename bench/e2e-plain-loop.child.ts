// Baseline for the end-to-end benchmark: read lines, split, SMA crossover, next-open fills — nothing else
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const [csv] = process.argv.slice(2);
const started = performance.now();
const lines = createInterface({ input: createReadStream(csv!), crlfDelay: Infinity });
const fast = 10;
const slow = 30;
const closes = new Float64Array(slow);
let count = 0;
let fastSum = 0;
let slowSum = 0;
let previous = Number.NaN;
let pending = 0;
let position = 0;
let cash = 0;
let header = true;
for await (const line of lines) {
  if (header) {
    header = false;
    continue;
  }
  const fields = line.split(',');
  const open = Number(fields[1]);
  const close = Number(fields[4]);
  if (pending !== 0) {
    cash -= pending * open;
    position += pending;
    pending = 0;
  }
  if (count >= slow) slowSum -= closes[count % slow]!;
  if (count >= fast) fastSum -= closes[(count - fast) % slow]!;
  closes[count % slow] = close;
  slowSum += close;
  fastSum += close;
  count++;
  if (count >= slow) {
    const diff = fastSum / fast - slowSum / slow;
    if (previous <= 0 && diff > 0 && position === 0) pending = 1;
    else if (previous >= 0 && diff < 0 && position > 0) pending = -position;
    previous = diff;
  }
}
process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, rssMb: process.resourceUsage().maxRSS / 1024, bars: count, cash })}\n`);
