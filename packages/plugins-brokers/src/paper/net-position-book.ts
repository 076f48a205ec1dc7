import type { Fill, Position } from '@grandmodel/framework';

interface Book {
  quantity: number;
  averagePrice: number;
  realizedPnl: number;
  markPrice: number;
}

/** Net positions built from fills (average-cost method), for the paper broker's `fetchPositions`. */
export class NetPositionBook {
  private readonly books = new Map<string, Book>();

  /** Applies a fill: adds to, reduces or flips the position in its symbol. */
  apply(fill: Fill, multiplier = 1): void {
    let book = this.books.get(fill.symbol);
    if (book === undefined) {
      book = { quantity: 0, averagePrice: Number.NaN, realizedPnl: 0, markPrice: fill.price };
      this.books.set(fill.symbol, book);
    }
    const signed = fill.side === 'buy' ? fill.quantity : -fill.quantity;
    const before = book.quantity;
    const after = before + signed;
    if (before === 0 || Math.sign(before) === Math.sign(signed)) {
      book.averagePrice = before === 0 ? fill.price : (book.averagePrice * Math.abs(before) + fill.price * fill.quantity) / Math.abs(after);
    } else {
      const closed = Math.min(Math.abs(before), fill.quantity);
      book.realizedPnl += closed * (fill.price - book.averagePrice) * Math.sign(before) * multiplier;
      if (Math.abs(after) < 1e-12) book.averagePrice = Number.NaN;
      else if (Math.sign(after) !== Math.sign(before)) book.averagePrice = fill.price;
    }
    book.quantity = Math.abs(after) < 1e-12 ? 0 : after;
    book.markPrice = fill.price;
  }

  /** Marks a symbol at a new price (for unrealized PnL). */
  mark(symbol: string, price: number): void {
    const book = this.books.get(symbol);
    if (book !== undefined) book.markPrice = price;
  }

  /** Open positions (non-zero quantity). */
  positions(multiplier: (symbol: string) => number = () => 1): Position[] {
    const result: Position[] = [];
    for (const [symbol, book] of this.books) {
      if (book.quantity === 0) continue;
      result.push({
        symbol,
        quantity: book.quantity,
        averagePrice: book.averagePrice,
        realizedPnl: book.realizedPnl,
        unrealizedPnl: (book.markPrice - book.averagePrice) * book.quantity * multiplier(symbol),
        markPrice: book.markPrice,
      });
    }
    return result;
  }
}
