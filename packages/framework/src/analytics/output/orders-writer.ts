import type { Order } from '../../model/order.js';
import { TERMINAL_ORDER_STATUSES } from '../../model/order.js';
import { formatIsoTime, formatNumber } from '../format/format-number.js';
import { toCsvRow } from '../format/csv-row.js';
import { ORDER_COLUMNS } from './run-files.js';
import { TextFileWriter } from './text-file-writer.js';

/** Returns the `orders.csv` fields of an order, in `ORDER_COLUMNS` order. */
export function orderFields(order: Order): string[] {
  const price = (value: number | undefined): string => (value === undefined ? '' : formatNumber(value));
  return [
    order.id,
    order.clientOrderId,
    formatIsoTime(order.createdAt),
    formatIsoTime(order.updatedAt),
    order.symbol,
    order.side,
    order.type,
    formatNumber(order.quantity),
    formatNumber(order.filledQuantity),
    formatNumber(order.averageFillPrice),
    price(order.limitPrice),
    price(order.stopPrice),
    order.timeInForce,
    order.status,
    order.parentId ?? '',
    order.reduceOnly === true ? 'true' : 'false',
    order.reason ?? '',
    order.tag ?? '',
  ];
}

/**
 * Writes `orders.csv`, one row per order in its final state. An order's row is written when it
 * reaches a terminal status (filled, canceled, rejected, denied, expired), so only working orders
 * are held in memory; orders still working at `close` are written then, with their last status.
 */
export class OrdersWriter {
  private readonly file: TextFileWriter;
  private readonly working = new Map<string, Order>();
  private readonly written = new Set<string>();

  constructor(path: string) {
    this.file = new TextFileWriter(path);
    this.file.write(toCsvRow(ORDER_COLUMNS));
  }

  /** Records the latest state of an order; updates after its final row was written are ignored. */
  update(order: Order): void {
    if (this.written.has(order.id)) return;
    if (TERMINAL_ORDER_STATUSES.has(order.status)) {
      this.working.delete(order.id);
      this.written.add(order.id);
      this.file.write(toCsvRow(orderFields(order)));
      return;
    }
    this.working.set(order.id, order);
  }

  /** Writes orders still working, in the order first seen, then closes the file. */
  close(): void {
    if (!this.file.isOpen) return;
    for (const order of this.working.values()) this.file.write(toCsvRow(orderFields(order)));
    this.working.clear();
    this.file.close();
  }
}
