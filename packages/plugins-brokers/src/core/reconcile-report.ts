import type { BrokerListener, Order, Position } from '@grandmodel/framework';

/** Why a reconciliation ran. */
export type ReconcileReason = 'start' | 'reconnect' | 'periodic' | 'manual';

/** What a reconciliation with the venue found and reported. */
export interface ReconcileReport {
  readonly reason: ReconcileReason;
  readonly time: number;
  /** Orders open at the venue that this session did not send; now tracked. */
  readonly adopted: readonly Order[];
  /** Tracked orders whose state changed (fills, cancels, expiries seen only now). */
  readonly updated: readonly Order[];
  /** Tracked orders still open, unchanged. */
  readonly unchanged: number;
  /** Positions at the venue, when the broker can fetch them. */
  readonly positions?: readonly Position[];
  /** Positions whose quantity differs from the previous reconciliation (all of them on the first). */
  readonly positionChanges: readonly Position[];
}

/** A broker listener that also hears reconciliation results (optional; plain listeners get order updates only). */
export interface ReconcilingListener extends BrokerListener {
  onReconcile?(report: ReconcileReport): void;
}
