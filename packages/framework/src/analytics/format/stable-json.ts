import { formatIsoTime, formatNumber } from './format-number.js';

/**
 * Keys whose integer values are epoch milliseconds and are written as ISO UTC strings.
 * They cover the time fields of the SDK's own models and event payloads.
 */
export const TIME_KEYS: ReadonlySet<string> = new Set([
  'time',
  'start',
  'end',
  'startTime',
  'endTime',
  'entryTime',
  'exitTime',
  'tsEvent',
  'tsInit',
  'createdAt',
  'updatedAt',
]);

/** How `toStableJson` lays out its text. */
export interface StableJsonOptions {
  /** Spaces per indent level; 0 writes one line. @default 0 */
  readonly indent?: number;
  /** Keys whose integer values are converted to ISO times. @default TIME_KEYS */
  readonly timeKeys?: ReadonlySet<string>;
}

/**
 * Returns JSON text that is byte-identical for equal inputs: object keys sorted by code unit,
 * numbers through `formatNumber` (non-finite become `null`), epoch-ms values of time keys as ISO
 * strings, Errors as `{code, message, name}`, typed arrays as arrays, Maps as objects, Sets as
 * arrays, bigints as strings, repeated references to an ancestor as `"[Circular]"`; functions,
 * symbols and `undefined` members are left out.
 */
export function toStableJson(value: unknown, options: StableJsonOptions = {}): string {
  const writer = new StableJsonWriter(options.indent ?? 0, options.timeKeys ?? TIME_KEYS);
  return writer.write(value, undefined, 0) ?? 'null';
}

// Keys repeat across millions of journal lines: quote each once
const QUOTED_KEYS = new Map<string, string>();

function quoteKey(name: string): string {
  let quoted = QUOTED_KEYS.get(name);
  if (quoted === undefined) {
    quoted = JSON.stringify(name);
    if (QUOTED_KEYS.size < 10_000) QUOTED_KEYS.set(name, quoted);
  }
  return quoted;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Records of one shape (orders, fills, payloads) repeat endlessly: remember each shape's sorted keys
const SORTED_SHAPES: { readonly keys: readonly string[]; readonly sorted: string[] }[] = [];

/** Returns `keys` sorted, reusing the sorted list of an identical key sequence seen before. */
function sortedKeys(keys: string[]): string[] {
  for (let s = 0; s < SORTED_SHAPES.length; s++) {
    const shape = SORTED_SHAPES[s]!;
    if (shape.keys.length !== keys.length) continue;
    let same = true;
    for (let i = 0; i < keys.length; i++) {
      if (shape.keys[i] !== keys[i]) {
        same = false;
        break;
      }
    }
    if (same) return shape.sorted;
  }
  const sorted = [...keys].sort(compareKeys);
  // A bounded cache: the common shapes of a run fit easily, odd ones are sorted every time
  if (SORTED_SHAPES.length < 64) SORTED_SHAPES.push({ keys, sorted });
  return sorted;
}

/** One serialisation: its layout options and the chain of ancestors (for cycles). */
class StableJsonWriter {
  private readonly ancestors: object[] = [];
  private readonly separator: string;

  constructor(
    private readonly indent: number,
    private readonly timeKeys: ReadonlySet<string>,
  ) {
    this.separator = indent === 0 ? ':' : ': ';
  }

  write(item: unknown, key: string | undefined, depth: number): string | undefined {
    switch (typeof item) {
      case 'number':
        if (key !== undefined && Number.isInteger(item) && this.timeKeys.has(key)) {
          const iso = formatIsoTime(item);
          if (iso !== '') return `"${iso}"`;
        }
        return Number.isFinite(item) ? formatNumber(item) : 'null';
      case 'string':
        return JSON.stringify(item);
      case 'boolean':
        return item ? 'true' : 'false';
      case 'bigint':
        return JSON.stringify(item.toString());
      case 'undefined':
      case 'function':
      case 'symbol':
        return undefined;
    }
    if (item === null) return 'null';
    const object = item as object;
    if (this.ancestors.includes(object)) return '"[Circular]"';
    this.ancestors.push(object);
    try {
      return this.writeObject(object, depth);
    } finally {
      this.ancestors.pop();
    }
  }

  private layout(parts: string[], open: string, close: string, depth: number): string {
    if (parts.length === 0) return open + close;
    if (this.indent === 0) return open + parts.join(',') + close;
    const inner = '\n' + ' '.repeat(this.indent * (depth + 1));
    return open + inner + parts.join(',' + inner) + '\n' + ' '.repeat(this.indent * depth) + close;
  }

  private writeArray(items: ArrayLike<unknown>, depth: number): string {
    const parts: string[] = [];
    for (let i = 0; i < items.length; i++) parts.push(this.write(items[i], undefined, depth + 1) ?? 'null');
    return this.layout(parts, '[', ']', depth);
  }

  private writeMembers(unsorted: string[], read: (key: string) => unknown, depth: number): string {
    const keys = sortedKeys(unsorted);
    const parts: string[] = [];
    for (let i = 0; i < keys.length; i++) {
      const name = keys[i]!;
      const text = this.write(read(name), name, depth + 1);
      if (text !== undefined) parts.push(quoteKey(name) + this.separator + text);
    }
    return this.layout(parts, '{', '}', depth);
  }

  private writeObject(object: object, depth: number): string {
    if (object instanceof Error) {
      const code = (object as { code?: unknown }).code;
      const fields: Record<string, unknown> = { name: object.name, message: object.message, code: typeof code === 'string' ? code : null };
      return this.writeMembers(Object.keys(fields), (key) => fields[key], depth);
    }
    if (object instanceof Date) return JSON.stringify(formatIsoTime(object.getTime()));
    if (Array.isArray(object) || ArrayBuffer.isView(object)) return this.writeArray(object as unknown as ArrayLike<unknown>, depth);
    if (object instanceof Set) return this.writeArray([...object], depth);
    if (object instanceof Map) {
      const entries = new Map([...object].map(([k, v]) => [String(k), v]));
      return this.writeMembers([...entries.keys()], (key) => entries.get(key), depth);
    }
    const record = object as Record<string, unknown>;
    return this.writeMembers(Object.keys(record), (key) => record[key], depth);
  }
}
