// Event bus dispatch cost: our isolating EventBus vs a plain loop over the same listeners vs raw eventemitter3
import { EventEmitter } from 'eventemitter3';
import { EventBus } from '@grandmodel/framework';
import { heapGrowth, measure, printTable } from './bench-timer.js';

const EMITS = 5_000_000;
const LISTENERS = 4;
const payload = { by: 'bench', tsEvent: 1, tsInit: 1 } as const;
let sink = 0;
const listeners = Array.from({ length: LISTENERS }, (_, i) => (event: { tsEvent: number }) => {
  sink += event.tsEvent + i;
});

const plain = (): void => {
  for (let n = 0; n < EMITS; n++) for (let i = 0; i < listeners.length; i++) listeners[i]!(payload);
};
const raw = new EventEmitter();
for (const listener of listeners) raw.on('kill_switch.reset', listener);
const rawEmit = (): void => {
  for (let n = 0; n < EMITS; n++) raw.emit('kill_switch.reset', payload);
};
const bus = new EventBus();
for (const listener of listeners) bus.on('kill_switch.reset', listener);
const busEmit = (): void => {
  for (let n = 0; n < EMITS; n++) bus.publish('kill_switch.reset', payload);
};

const plainNs = measure(EMITS, plain);
const rawNs = measure(EMITS, rawEmit);
const busNs = measure(EMITS, busEmit);
const busHeap = heapGrowth(busEmit);
printTable([
  ['dispatch (4 listeners)', 'ns/emit', 'vs plain loop', 'vs eventemitter3'],
  ['plain loop', plainNs, 1, plainNs / rawNs],
  ['eventemitter3 emit', rawNs, rawNs / plainNs, 1],
  ['EventBus.publish (isolated)', busNs, busNs / plainNs, busNs / rawNs],
]);
process.stdout.write(`EventBus heap growth over ${EMITS.toLocaleString('en-US')} emits: ${(busHeap / 1024).toFixed(1)} KiB (no allocation per emit)\n`);
process.stdout.write(`goal: within 1.2x of the plain loop (the bus adds a lookup by event name and one try block per emit) (checksum ${sink % 7})\n`);
