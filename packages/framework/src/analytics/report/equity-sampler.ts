import { BucketDownsampler } from '../downsample/bucket-downsampler.js';
import type { ReportEquity } from './read-run-folder.js';

/**
 * The report's bounded view of the equity curve: rows merged into at most `points` buckets (first and last
 * time, min, max and last equity, max drawdown). Fed from equity.csv when a report is rebuilt, or row by row
 * while a run writes the file.
 */
export class EquitySampler {
  private readonly sampler: BucketDownsampler;
  private readonly row = new Float64Array(6);

  constructor(points = 2000) {
    this.sampler = new BucketDownsampler(['first', 'last', 'min', 'max', 'last', 'max'], points);
  }

  add(time: number, equity: number, drawdown: number): void {
    const row = this.row;
    row[0] = time;
    row[1] = time;
    row[2] = equity;
    row[3] = equity;
    row[4] = equity;
    row[5] = drawdown;
    this.sampler.add(row);
  }

  result(): ReportEquity {
    const [start, end, min, max, last, drawdown] = this.sampler.toColumns() as [number[], number[], number[], number[], number[], number[]];
    return { start, end, min, max, last, drawdown, stride: this.sampler.stride, rows: this.sampler.totalRows };
  }
}
