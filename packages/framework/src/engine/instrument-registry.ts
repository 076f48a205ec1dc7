import type { InstrumentRegistry } from '../di/tokens.js';
import { createInstrument, type Instrument } from '../model/instrument.js';

/** The run's instruments; a symbol not configured gets defaults (tick 0.01, multiplier 1) the first time it is asked for. */
export class RunInstruments implements InstrumentRegistry {
  private readonly bySymbol = new Map<string, Instrument>();

  constructor(instruments: readonly (Partial<Instrument> & { readonly symbol: string })[]) {
    for (const instrument of instruments) this.bySymbol.set(instrument.symbol, createInstrument(instrument));
  }

  get(symbol: string): Instrument {
    let instrument = this.bySymbol.get(symbol);
    if (instrument === undefined) {
      instrument = createInstrument({ symbol });
      this.bySymbol.set(symbol, instrument);
    }
    return instrument;
  }

  has(symbol: string): boolean {
    return this.bySymbol.has(symbol);
  }

  all(): readonly Instrument[] {
    return [...this.bySymbol.values()];
  }
}
