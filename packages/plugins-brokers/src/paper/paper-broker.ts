import {
  BrokerError,
  SimulatedVenue,
  type AccountSnapshot,
  type Bar,
  type Broker,
  type BrokerCapabilities,
  type BrokerListener,
  type Clock,
  type Instrument,
  type Order,
  type OrderChanges,
  type PortfolioView,
  type Position,
  type SimulatedVenueOptionsInput,
} from '@grandmodel/framework';
import { NetPositionBook } from './net-position-book.js';

/** What the paper broker needs from the run. */
export interface PaperBrokerDependencies {
  readonly clock: Clock;
  readonly instruments: (symbol: string) => Instrument | undefined;
  /** The run's portfolio; when given, `fetchAccount` reports its cash and equity. */
  readonly portfolio?: PortfolioView;
  /** Account currency reported by `fetchAccount`. */
  readonly currency?: string;
}

/**
 * Paper trading: the framework's simulated venue (same fill model and options as `sim`) driven by a live
 * feed instead of history. The engine hands it every closed base bar through `onBar`; orders fill on the next
 * bars of the real market. It also keeps net positions from its own fills, so `fetchPositions` works like a venue's.
 */
export class PaperBroker implements Broker {
  readonly venue = 'paper';
  readonly has: BrokerCapabilities;
  private readonly simulated: SimulatedVenue;
  private readonly book = new NetPositionBook();
  private listener: BrokerListener | undefined;

  constructor(
    options: SimulatedVenueOptionsInput,
    private readonly dependencies: PaperBrokerDependencies,
  ) {
    this.simulated = new SimulatedVenue(options, { clock: dependencies.clock, instruments: dependencies.instruments });
    this.has = Object.freeze({ ...this.simulated.has, fetchPositions: true, fetchAccount: dependencies.portfolio !== undefined });
    this.simulated.setListener({
      onFill: (fill) => {
        this.book.apply(fill, this.multiplier(fill.symbol));
        this.listener?.onFill(fill);
      },
      onOrderUpdate: (order) => this.listener?.onOrderUpdate(order),
    });
  }

  /** The options in force (defaults filled in). */
  get options(): SimulatedVenue['options'] {
    return this.simulated.options;
  }

  setListener(listener: BrokerListener): void {
    this.listener = listener;
  }

  submit(order: Order): void {
    this.simulated.submit(order);
  }

  cancel(orderId: string): void {
    this.simulated.cancel(orderId);
  }

  modify(orderId: string, changes: OrderChanges): void {
    this.simulated.modify(orderId, changes);
  }

  /** Works the open orders against a closed live bar (called by the engine for every base bar). */
  onBar(bar: Bar): void {
    this.simulated.onBar(bar);
    this.book.mark(bar.symbol, bar.close);
  }

  fetchOpenOrders(): Promise<readonly Order[]> {
    return this.simulated.fetchOpenOrders();
  }

  /** Net positions from this broker's fills, marked at the last bar's close. */
  fetchPositions(): Promise<readonly Position[]> {
    return Promise.resolve(this.book.positions((symbol) => this.multiplier(symbol)));
  }

  /** Cash and equity of the run's portfolio. */
  fetchAccount(): Promise<AccountSnapshot> {
    const portfolio = this.dependencies.portfolio;
    if (portfolio === undefined) {
      return Promise.reject(new BrokerError('GM_BROKER_NOT_SUPPORTED', 'paper: fetchAccount is not supported without the run\'s portfolio', { venue: this.venue, retryable: false }));
    }
    return Promise.resolve({ currency: this.dependencies.currency ?? 'USD', cash: portfolio.cash, equity: portfolio.equity });
  }

  private multiplier(symbol: string): number {
    try {
      return this.dependencies.instruments(symbol)?.multiplier ?? 1;
    } catch {
      return 1;
    }
  }
}
