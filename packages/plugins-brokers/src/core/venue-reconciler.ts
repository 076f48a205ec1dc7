import type { BrokerCapabilities, Clock, Order } from '@grandmodel/framework';
import type { OrderTracker } from './order-tracker.js';
import type { PositionDiff } from './position-diff.js';
import type { ReconcileReason, ReconcileReport } from './reconcile-report.js';
import { withRetries, type RetryContext } from './retry-policy.js';
import type { VenueGateway } from './venue-gateway.js';

/** What a reconciliation reads and updates. */
export interface ReconcileParts {
  readonly gateway: VenueGateway;
  readonly has: BrokerCapabilities;
  readonly tracker: OrderTracker;
  readonly positions: PositionDiff;
  readonly retry: RetryContext;
  readonly clock: Clock;
}

/**
 * One reconciliation: the venue's open orders are applied to the tracked ones (orders this session did not send
 * are adopted); tracked orders no longer open are looked up by client id, so their fills, cancels and expiries are
 * reported; positions are compared with the previous reconciliation. Every change reaches the listener through
 * the tracker; the report lists them.
 */
export async function reconcileWithVenue(reason: ReconcileReason, parts: ReconcileParts): Promise<ReconcileReport> {
  const { gateway, tracker, retry } = parts;
  const adopted: Order[] = [];
  const updated: Order[] = [];
  const seen = new Set<string>();
  for (const snapshot of parts.has.fetchOpenOrders ? await withRetries(retry, 'reconcile open orders', () => gateway.openOrders()) : []) {
    seen.add(snapshot.clientOrderId);
    const entry = tracker.byClientOrderId(snapshot.clientOrderId);
    if (entry === undefined) adopted.push(tracker.adopt(snapshot));
    else {
      const changed = tracker.apply(snapshot);
      if (changed !== undefined) updated.push(changed);
    }
  }
  let unchanged = 0;
  for (const entry of tracker.open()) {
    if (seen.has(entry.venueClientOrderId)) {
      if (!updated.includes(entry.order)) unchanged++;
      continue;
    }
    // No longer open at the venue: its final state tells what happened while nobody was listening
    const latest = await withRetries(retry, `reconcile ${entry.order.id}`, () => gateway.find(entry.venueClientOrderId, entry.order.symbol));
    const changed = latest === undefined ? undefined : tracker.apply(latest);
    if (changed !== undefined) updated.push(changed);
    else unchanged++;
  }
  const positions = parts.has.fetchPositions ? await withRetries(retry, 'reconcile positions', () => gateway.positions()) : undefined;
  return {
    reason,
    time: parts.clock.now(),
    adopted,
    updated,
    unchanged,
    positionChanges: positions === undefined ? [] : parts.positions.changes(positions),
    ...(positions === undefined ? {} : { positions }),
  };
}
