/** File names inside a run folder. */
export const RUN_FILES = Object.freeze({
  summary: 'summary.json',
  trades: 'trades.csv',
  orders: 'orders.csv',
  equity: 'equity.csv',
  bars: 'bars.csv',
  journal: 'journal.jsonl',
  report: 'report.html',
});

/** Columns of `equity.csv`, one row per bar. */
export const EQUITY_COLUMNS = ['time', 'equity', 'cash', 'netExposure', 'grossExposure', 'drawdown'] as const;

/** Columns of `trades.csv`, one row per trade (closed ones first, then open ones). */
export const TRADE_COLUMNS = [
  'id',
  'status',
  'symbol',
  'side',
  'entryTime',
  'exitTime',
  'quantity',
  'entryPrice',
  'exitPrice',
  'grossPnl',
  'entryFees',
  'exitFees',
  'fees',
  'netPnl',
  'returnOnNotional',
  'barsHeld',
  'mae',
  'mfe',
  'entryTag',
  'exitTag',
] as const;

/** Columns of `orders.csv`, one row per order in its final state. */
export const ORDER_COLUMNS = [
  'id',
  'clientOrderId',
  'createdAt',
  'updatedAt',
  'symbol',
  'side',
  'type',
  'quantity',
  'filledQuantity',
  'averageFillPrice',
  'limitPrice',
  'stopPrice',
  'timeInForce',
  'status',
  'parentId',
  'reduceOnly',
  'reason',
  'tag',
] as const;

/** Columns of `bars.csv`: candles of the base bars, merged in groups of `bars` when the run is long. */
export const BAR_COLUMNS = ['symbol', 'start', 'end', 'open', 'high', 'low', 'close', 'volume', 'bars'] as const;

/** Version of the run folder layout, written to `summary.json`. */
export const RUN_FORMAT_VERSION = 1;
