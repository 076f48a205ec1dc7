import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvRecords, splitCsvRecord } from './csv-reader.js';
import { toCsvField, toCsvRow } from './csv-row.js';
import { formatIsoTime, formatNumber } from './format-number.js';
import { toStableJson } from './stable-json.js';

describe('formatNumber', () => {
  it('rounds to 8 decimals, drops float noise and trailing zeros', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(1234.5)).toBe('1234.5');
    expect(formatNumber(100)).toBe('100');
    expect(formatNumber(-0.000000004)).toBe('0');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(0.123456789)).toBe('0.12345679');
    expect(formatNumber(-2.5e-7)).toBe('-0.00000025');
    expect(formatNumber(123456789.123456789)).toBe('123456789.12345679');
    expect(formatNumber(1e21)).toBe('1e+21');
  });

  it('writes non-finite numbers as empty text', () => {
    expect(formatNumber(Number.NaN)).toBe('');
    expect(formatNumber(Infinity)).toBe('');
  });

  it('writes times as ISO UTC and invalid times as empty text', () => {
    expect(formatIsoTime(Date.UTC(2024, 1, 29, 23, 30))).toBe('2024-02-29T23:30:00.000Z');
    expect(formatIsoTime(Number.NaN)).toBe('');
    expect(formatIsoTime(9e15)).toBe('');
  });
});

describe('toStableJson', () => {
  it('sorts keys at every depth so insertion order does not matter', () => {
    const a = toStableJson({ b: 1, a: { y: 2, x: [3, { d: 4, c: 5 }] } });
    const b = toStableJson({ a: { x: [3, { c: 5, d: 4 }], y: 2 }, b: 1 });
    expect(a).toBe(b);
    expect(a).toBe('{"a":{"x":[3,{"c":5,"d":4}],"y":2},"b":1}');
  });

  it('writes time keys as ISO, special values as null, and leaves out undefined and functions', () => {
    const text = toStableJson({ time: 0, price: 0.1 * 3, nan: Number.NaN, list: [undefined, Infinity], skip: undefined, fn: () => 1, big: 10n, when: new Date(0) });
    expect(text).toBe('{"big":"10","list":[null,null],"nan":null,"price":0.3,"time":"1970-01-01T00:00:00.000Z","when":"1970-01-01T00:00:00.000Z"}');
  });

  it('serialises errors as name, message and code, and cuts cycles', () => {
    const node: Record<string, unknown> = { name: 'n' };
    node['self'] = node;
    expect(toStableJson({ error: new TypeError('bad'), node })).toBe('{"error":{"code":null,"message":"bad","name":"TypeError"},"node":{"name":"n","self":"[Circular]"}}');
  });

  it('writes maps, sets and typed arrays as JSON, and indents on request', () => {
    expect(toStableJson({ m: new Map<string, unknown>([['z', 1], ['a', new Set([2])]]), t: new Int8Array([1, -1]) }, { indent: 2 })).toBe(
      '{\n  "m": {\n    "a": [\n      2\n    ],\n    "z": 1\n  },\n  "t": [\n    1,\n    -1\n  ]\n}',
    );
    expect(toStableJson({ empty: {}, none: [] }, { indent: 2 })).toBe('{\n  "empty": {},\n  "none": []\n}');
  });
});

describe('CSV rows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gm-csv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('quotes only fields that need it and splits them back', () => {
    expect(toCsvField('plain')).toBe('plain');
    expect(toCsvField('a,b')).toBe('"a,b"');
    expect(toCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(toCsvField(' edge')).toBe('" edge"');
    const fields = ['1', 'a,b', 'say "hi"', '', 'two\nlines'];
    const row = toCsvRow(fields);
    expect(row).toBe('1,"a,b","say ""hi""",,"two\nlines"\n');
    expect(splitCsvRecord(row.slice(0, -1))).toEqual(fields);
    expect(splitCsvRecord('"open')).toBeUndefined();
  });

  it('streams records, joining quoted line breaks, and names file, line and field on bad values', async () => {
    const path = join(dir, 'sample.csv');
    writeFileSync(path, 'time,value,note\n2024-01-01T00:00:00.000Z,1.5,"multi\nline"\n2024-01-01T00:30:00.000Z,abc,x\n');
    const seen: string[] = [];
    await expect(
      readCsvRecords(path, ['time', 'value'], (record) => {
        seen.push(`${record.line}:${record.time('time')}:${record.text('note')}`);
        record.number('value');
      }),
    ).rejects.toThrow('sample.csv:4 field "value": expected a number, was "abc"');
    expect(seen).toEqual([`2:${Date.UTC(2024, 0, 1)}:multi\nline`, `4:${Date.UTC(2024, 0, 1, 0, 30)}:x`]);
    await expect(readCsvRecords(path, ['time', 'equity'], () => undefined)).rejects.toThrow('sample.csv:1 header: expected columns time,equity, was missing equity');
    await expect(readCsvRecords(join(dir, 'absent.csv'), [], () => undefined)).rejects.toThrow(/absent.csv: file not found/);
  });
});
