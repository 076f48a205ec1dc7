import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SdkError } from '../../errors/sdk-error.js';
import type { Bar } from '../../model/bar.js';
import type { Fill } from '../../model/fill.js';
import type { Instrument } from '../../model/instrument.js';
import type { Order } from '../../model/order.js';
import { assembleStatistics } from '../statistics/compute-statistics.js';
import { TradeStatistics } from '../statistics/trade-statistics.js';
import { TradeLedger } from '../trades/trade-ledger.js';
import { BarsWriter, DEFAULT_MAX_CANDLES } from './bars-writer.js';
import { EquityWriter } from './equity-writer.js';
import { JournalWriter } from './journal-writer.js';
import { OrdersWriter } from './orders-writer.js';
import { RUN_FILES } from './run-files.js';
import { buildRunSummary, writeRunSummary } from './run-summary.js';
import type { RunSummary } from './run-summary.js';
import type { ReportEquity } from '../report/read-run-folder.js';
import { TradesWriter } from './trades-writer.js';

/** Options of a `RunWriter`. */
export interface RunWriterOptions {
  /** Run folder; created when missing, its run files overwritten. */
  readonly dir: string;
  /** Instruments of every traded symbol (for the contract multiplier). */
  readonly instruments: Iterable<Instrument>;
  /** Timeframe of the bars kept for the report and for bars held; default: the first timeframe seen per symbol. */
  readonly barTimeframe?: string;
  /** Most candles per symbol in `bars.csv`. @default 2000 */
  readonly maxCandles?: number;
  /** Write `journal.jsonl`. @default true */
  readonly journal?: boolean;
}

/** Options of `RunWriter.finish`. */
export interface RunFinishOptions {
  /** Facts about the run copied into `summary.json` under `run`. */
  readonly run?: Readonly<Record<string, unknown>>;
  /** Return periods per year; inferred when omitted. */
  readonly periodsPerYear?: number;
  /** Annual risk-free rate as a fraction. @default 0 */
  readonly riskFreeRate?: number;
}

/**
 * Writes a run folder while the run goes: `equity.csv`, `trades.csv`, `orders.csv` and
 * `journal.jsonl` stream as data arrives; `bars.csv` (bounded candles) and `summary.json` are
 * written by `finish`. Statistics are accumulated on the way, so memory does not grow with bars.
 * Build `report.html` afterwards with `writeReport(dir)`.
 */
export class RunWriter {
  readonly dir: string;
  private readonly ledger: TradeLedger;
  private readonly tradeStatistics = new TradeStatistics();
  private readonly equity: EquityWriter;
  private readonly trades: TradesWriter;
  private readonly orders: OrdersWriter;
  private readonly bars: BarsWriter;
  private readonly journal: JournalWriter | undefined;
  private readonly barTimeframes = new Map<string, string>();
  private readonly fixedTimeframe: string | undefined;
  private fees = 0;
  private finished = false;

  constructor(options: RunWriterOptions) {
    this.dir = options.dir;
    mkdirSync(this.dir, { recursive: true });
    this.fixedTimeframe = options.barTimeframe;
    this.trades = new TradesWriter(join(this.dir, RUN_FILES.trades));
    this.ledger = new TradeLedger(options.instruments, {
      retainTrades: false,
      onTrade: (trade) => {
        this.tradeStatistics.add(trade);
        this.trades.write(trade);
      },
    });
    this.equity = new EquityWriter(join(this.dir, RUN_FILES.equity));
    this.orders = new OrdersWriter(join(this.dir, RUN_FILES.orders));
    this.bars = new BarsWriter(options.maxCandles ?? DEFAULT_MAX_CANDLES);
    this.journal = options.journal === false ? undefined : new JournalWriter(join(this.dir, RUN_FILES.journal));
  }

  /** Records a closed bar; bars of other timeframes than the symbol's base timeframe are ignored. */
  onBar(bar: Bar): void {
    this.assertOpen();
    const timeframe = this.fixedTimeframe ?? this.barTimeframes.get(bar.symbol) ?? bar.timeframe;
    if (bar.timeframe !== timeframe) return;
    this.barTimeframes.set(bar.symbol, timeframe);
    this.bars.record(bar);
    this.ledger.onBar(bar);
  }

  /** Records a fill: trades close through the FIFO ledger and stream to `trades.csv`. */
  onFill(fill: Fill): void {
    this.assertOpen();
    this.ledger.onFill(fill);
    this.fees += fill.fee;
  }

  /** Records the latest state of an order for `orders.csv`. */
  onOrder(order: Order): void {
    this.assertOpen();
    this.orders.update(order);
  }

  /** Records the account at a bar close (see `EquityWriter.record`). */
  recordEquity(time: number, equity: number, cash: number, netExposure = 0, grossExposure = Math.abs(netExposure)): void {
    this.assertOpen();
    this.equity.record(time, equity, cash, netExposure, grossExposure);
  }

  /** The report's equity chart data, sampled while `equity.csv` was written (see `writeReport`). */
  reportEquity(): ReportEquity {
    return this.equity.reportEquity();
  }

  /** Appends an event to `journal.jsonl` (does nothing when the journal is off). */
  recordEvent(event: string, payload: unknown): void {
    this.assertOpen();
    this.journal?.write(event, payload);
  }

  /** `recordEvent` as an event-bus sink: `bus.addSink(writer.journalSink)`. */
  readonly journalSink = (event: string, payload: unknown): void => {
    this.recordEvent(event, payload);
  };

  /**
   * Completes waiting exits, appends open trades to `trades.csv`, writes `bars.csv` and
   * `summary.json`, closes every file and returns the summary.
   */
  finish(options: RunFinishOptions = {}): RunSummary {
    this.assertOpen();
    this.finished = true;
    try {
      this.ledger.flush();
      const openTrades = this.ledger.openTrades();
      for (const trade of openTrades) this.trades.write(trade);
      this.bars.writeTo(join(this.dir, RUN_FILES.bars));
      const equity = this.equity.statistics.result({
        ...(options.periodsPerYear === undefined ? {} : { periodsPerYear: options.periodsPerYear }),
        ...(options.riskFreeRate === undefined ? {} : { riskFreeRate: options.riskFreeRate }),
      });
      const statistics = assembleStatistics({ equity, trades: this.tradeStatistics.result(), fees: this.fees, barsInMarket: this.equity.barsInMarket });
      const summary = buildRunSummary(statistics, openTrades, options.run);
      writeRunSummary(join(this.dir, RUN_FILES.summary), summary);
      return summary;
    } finally {
      this.trades.close();
      this.orders.close();
      this.equity.close();
      this.journal?.close();
    }
  }

  private assertOpen(): void {
    if (this.finished) throw new SdkError('GM_INPUT_INVALID', `Run writer for "${this.dir}": expected an open writer, was already finished`);
  }
}
