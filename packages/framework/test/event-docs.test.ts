import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const read = (path: string): string => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');

describe('docs/reference/events.md', () => {
  it('has a row for every event of the EventMap and no other', () => {
    const map = read('../src/bus/event-map.ts');
    const body = map.slice(map.indexOf('export interface EventMap'));
    const declared = [...body.matchAll(/^\s+'([a-z_.]+)':/gm)].map((m) => m[1]).sort();
    const documented = [...read('../../../docs/reference/events.md').matchAll(/^\| `([a-z_.]+)` \|/gm)].map((m) => m[1]).sort();
    expect(declared.length).toBeGreaterThan(20);
    expect(documented).toEqual(declared);
  });
});
