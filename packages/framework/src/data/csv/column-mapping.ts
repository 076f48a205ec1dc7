import { SdkError } from '../../errors/sdk-error.js';
import type { CsvColumnMapping } from './csv-data-source-options.js';

/** Column indices of a bar file; `volume` is -1 when the file has no volume column. */
export interface BarColumns {
  readonly timestamp: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** Column indices of a tick file; -1 marks an absent optional column. */
export interface TickColumns {
  readonly timestamp: number;
  readonly price: number;
  readonly volume: number;
  readonly bid: number;
  readonly ask: number;
}

const DEFAULT_NAMES = {
  timestamp: ['timestamp', 'datetime', 'date', 'time'],
  open: ['open'],
  high: ['high'],
  low: ['low'],
  close: ['close'],
  volume: ['volume', 'vol'],
  price: ['price', 'last'],
  bid: ['bid'],
  ask: ['ask'],
} as const;

type ColumnKey = keyof typeof DEFAULT_NAMES;

/** Finds the columns of a bar file in its header; throws GM_DATA_FILE naming a missing column. */
export function resolveBarColumns(header: readonly string[], mapping: CsvColumnMapping, file: string): BarColumns {
  const finder = new ColumnFinder(header, mapping, file);
  return {
    timestamp: finder.require('timestamp'),
    open: finder.require('open'),
    high: finder.require('high'),
    low: finder.require('low'),
    close: finder.require('close'),
    volume: mapping.volume === null ? -1 : finder.require('volume'),
  };
}

/** Finds the columns of a tick file in its header; throws GM_DATA_FILE naming a missing column. */
export function resolveTickColumns(header: readonly string[], mapping: CsvColumnMapping, file: string): TickColumns {
  const finder = new ColumnFinder(header, mapping, file);
  return {
    timestamp: finder.require('timestamp'),
    price: finder.require('price'),
    volume: mapping.volume === null ? -1 : finder.require('volume'),
    bid: finder.optional('bid'),
    ask: finder.optional('ask'),
  };
}

class ColumnFinder {
  private readonly normalized: string[];

  constructor(
    private readonly header: readonly string[],
    private readonly mapping: CsvColumnMapping,
    private readonly file: string,
  ) {
    this.normalized = header.map((name) => name.trim().toLowerCase());
  }

  require(key: ColumnKey): number {
    const index = this.optional(key);
    if (index >= 0) return index;
    const explicit = this.mapping[key];
    const wanted = typeof explicit === 'string' ? `"${explicit}" (columns.${key})` : DEFAULT_NAMES[key].map((name) => `"${name}"`).join(' or ');
    const hint = typeof explicit === 'string' ? '' : `; map another header with columns: { ${key}: '<header name>' }`;
    throw new SdkError('GM_DATA_FILE', `${this.file}: missing the ${key} column: expected a header named ${wanted}${hint}; the header was: ${this.header.join(',')}`, {
      details: { file: this.file, column: key, header: [...this.header] },
    });
  }

  optional(key: ColumnKey): number {
    const explicit = this.mapping[key];
    if (typeof explicit === 'string') {
      const exact = this.header.findIndex((name) => name.trim() === explicit);
      return exact >= 0 ? exact : this.normalized.indexOf(explicit.trim().toLowerCase());
    }
    if (key === 'timestamp') return this.timestampColumn();
    for (const name of DEFAULT_NAMES[key]) {
      const index = this.normalized.indexOf(name);
      if (index >= 0) return index;
    }
    return -1;
  }

  private timestampColumn(): number {
    const date = this.normalized.indexOf('date');
    const time = this.normalized.indexOf('time');
    for (const name of ['timestamp', 'datetime'] as const) {
      const index = this.normalized.indexOf(name);
      if (index >= 0) return index;
    }
    if (date >= 0 && time >= 0) {
      // Reading one of the two would silently lose the date or the time of day
      throw new SdkError('GM_DATA_FILE', `${this.file}: the header has separate "date" and "time" columns; expected one column holding date and time (set columns.timestamp if one of them holds both); the header was: ${this.header.join(',')}`, {
        details: { file: this.file, column: 'timestamp', header: [...this.header] },
      });
    }
    return date >= 0 ? date : time;
  }
}
