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
  const indent = options.indent ?? 0;
  const timeKeys = options.timeKeys ?? TIME_KEYS;
  const ancestors: object[] = [];

  const write = (item: unknown, key: string | undefined, depth: number): string | undefined => {
    switch (typeof item) {
      case 'number':
        if (key !== undefined && timeKeys.has(key) && Number.isInteger(item)) {
          const iso = formatIsoTime(item);
          if (iso !== '') return JSON.stringify(iso);
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
    if (ancestors.includes(object)) return '"[Circular]"';
    ancestors.push(object);
    try {
      return writeObject(object, depth);
    } finally {
      ancestors.pop();
    }
  };

  const layout = (parts: string[], open: string, close: string, depth: number): string => {
    if (parts.length === 0) return open + close;
    if (indent === 0) return open + parts.join(',') + close;
    const inner = '\n' + ' '.repeat(indent * (depth + 1));
    return open + inner + parts.join(',' + inner) + '\n' + ' '.repeat(indent * depth) + close;
  };

  const writeArray = (items: ArrayLike<unknown>, depth: number): string => {
    const parts: string[] = [];
    for (let i = 0; i < items.length; i++) parts.push(write(items[i], undefined, depth + 1) ?? 'null');
    return layout(parts, '[', ']', depth);
  };

  const writeEntries = (entries: [string, unknown][], depth: number): string => {
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const parts: string[] = [];
    const separator = indent === 0 ? ':' : ': ';
    for (const [name, member] of entries) {
      const text = write(member, name, depth + 1);
      if (text !== undefined) parts.push(JSON.stringify(name) + separator + text);
    }
    return layout(parts, '{', '}', depth);
  };

  const writeObject = (object: object, depth: number): string => {
    if (object instanceof Error) {
      const code = (object as { code?: unknown }).code;
      return writeEntries([['name', object.name], ['message', object.message], ['code', typeof code === 'string' ? code : null]], depth);
    }
    if (object instanceof Date) return JSON.stringify(formatIsoTime(object.getTime()));
    if (Array.isArray(object) || ArrayBuffer.isView(object)) return writeArray(object as unknown as ArrayLike<unknown>, depth);
    if (object instanceof Set) return writeArray([...object], depth);
    if (object instanceof Map) return writeEntries([...object].map(([k, v]) => [String(k), v]), depth);
    return writeEntries(Object.entries(object), depth);
  };

  return write(value, undefined, 0) ?? 'null';
}
