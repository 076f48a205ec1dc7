import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { brokerCheckCommand } from './broker-check-command.js';
import { dataFetchCommand, type DataFetchOptions } from './data-fetch-command.js';
import { dataSynthCommand } from './data-synth-command.js';
import { indicatorsCommand, type IndicatorsCommandOptions } from './indicators-command.js';
import { killCommand } from './kill-command.js';
import { registerNewCommand } from './new-command.js';
import { pluginsCommand } from './plugins-command.js';
import { reportCommand } from './report-command.js';
import { runCommand, type RunCommandOptions } from './run-command.js';
import { schemaCommand } from './schema-command.js';
import { trainCommand, type TrainCommandOptions } from './train-command.js';
import { validateCommand } from './validate-command.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Every `grandmodel` command, registered on the program; `done` receives each command's exit code. */
export function registerCommands(program: Command, io: CliIo, done: (code: number) => void): void {
  registerNewCommand(program, io, done);

  program
    .command('run')
    .description('Run a system (backtest, paper or live) and write its run folder')
    .argument('<config>', 'config file (.yaml, .json or .ts)')
    .option('--mode <mode>', 'backtest, paper or live (overrides the config)')
    .option('--from <date>', 'first bar time, e.g. 2024-01-01')
    .option('--to <date>', 'end of the range (exclusive)')
    .option('--out <dir>', 'run folder (default: <output.dir>/<name>-<time>)')
    .option('--seed <n>', 'seed of every random source')
    .option('--set <key=value>', 'override a config key (repeatable), e.g. --set backtest.cash=50000', collect)
    .option('--quiet', 'no progress output')
    .action(async (config: string, options: RunCommandOptions) => done(await runCommand(config, options, io)));

  program
    .command('validate')
    .description('Validate a config file; prints every problem with its path and line, or a short summary')
    .argument('<file>', 'config file (.yaml, .json or .ts)')
    .action(async (file: string) => done(await validateCommand(file, io)));

  program
    .command('schema')
    .description('Print the JSON Schema of the config, including the options of every installed plugin')
    .option('--config <file>', 'also include the plugins listed in this config')
    .action(async (options: { config?: string }) => done(await schemaCommand(options, io)));

  program
    .command('plugins')
    .description('List installed plugins with kind, version and options')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => done(await pluginsCommand(options, io)));

  program
    .command('report')
    .description('Rebuild report.html of a run folder')
    .argument('<runDir>', 'run folder')
    .action(async (runDir: string) => done(await reportCommand(runDir, io)));

  program
    .command('kill')
    .description('Engage the kill switch of the process running a run folder: cancel orders, flatten, halt')
    .argument('<runDir>', 'run folder of the running process')
    .option('--reason <text>', 'reason recorded in the journal', 'operator request')
    .option('--no-flatten', 'cancel orders and halt, but keep positions')
    .action(async (runDir: string, options: { reason?: string; flatten?: boolean }) => done(await killCommand(runDir, options, io)));

  program
    .command('indicators')
    .description('Stream a bar file through indicators and write one row of features per bar')
    .requiredOption('--data <csv>', 'bar file (columns and timestamps as the csv data source reads them)')
    .requiredOption('--out <csv>', 'output CSV file')
    .option('--use <ids>', 'indicator plugin ids, comma-separated (columns <id>_<output>)')
    .option('--preset <id>', 'a feature preset such as grandmodel-30m (its own column names and format)')
    .option('--config <file>', 'take indicators (with options) and plugins from a config file')
    .option('--symbol <symbol>', 'symbol of the bars (default: the file name)')
    .option('--timezone <zone>', 'IANA zone of timestamps without an offset', 'UTC')
    .option('--tick-size <size>', 'instrument tick, passed to indicators that take one (LVN: 0.25 for NQ, 0.01 for CL)')
    .action(async (options: IndicatorsCommandOptions) => done(await indicatorsCommand(options, io)));

  program
    .command('train')
    .description('Train the strategic, tactical and risk agents (MAPPO on the backtest engine); write ONNX models and cards')
    .argument('<config>', 'config file: data, bars, instruments and indicators of the environment')
    .option('--agents <list>', 'systems to train: strategic,tactical,risk')
    .option('--episodes <n>', 'episodes per system', '40')
    .option('--seed <n>', 'seed (default: the config seed)')
    .option('--out <dir>', 'models folder', 'models')
    .option('--episode-steps <n>', 'decisions per episode')
    .option('--epochs <n>', 'PPO epochs per update')
    .option('--contracts <n>', 'contracts per strategic/tactical decision')
    .option('--symbol <symbol>', 'symbol to trade')
    .option('--set <key=value>', 'override a config key (repeatable)', collect)
    .option('--quiet', 'no progress output')
    .action(async (config: string, options: TrainCommandOptions) => done(await trainCommand(config, options, io)));

  const broker = program.command('broker').description('Broker tools');
  broker
    .command('check')
    .description("Connect with the config's broker; print account, balances and positions; with --order-test place and cancel a far-from-market limit order")
    .argument('<config>', 'config file with a broker block')
    .option('--order-test', 'place and cancel a far-from-market limit order')
    .option('--symbol <symbol>', 'symbol for the order test (default: the first instrument or data symbol)')
    .option('--quantity <n>', 'quantity for the order test', Number)
    .option('--price <price>', 'limit price for the order test (default: far from the last price)', Number)
    .option('--timeout-ms <ms>', 'how long to wait for each venue answer', Number)
    .action(async (config: string, options: { orderTest?: boolean; symbol?: string; quantity?: number; price?: number; timeoutMs?: number }) =>
      done(await brokerCheckCommand(config, options, io)),
    );

  const data = program.command('data').description('Data tools');
  data
    .command('fetch')
    .description('Download historical bars from a venue to a CSV file (resumable, paginated, rate-limit aware)')
    .requiredOption('--source <source>', 'ccxt:<exchange id> (e.g. ccxt:binance) or alpaca')
    .requiredOption('--symbol <symbol>', 'symbol, e.g. BTC/USDT or AAPL')
    .requiredOption('--timeframe <tf>', 'bar timeframe, e.g. 1m or 1h')
    .requiredOption('--from <date>', 'first bar')
    .option('--to <date>', 'end (exclusive; default: now)')
    .requiredOption('--out <file>', 'output CSV file; an existing file is resumed after its last row')
    .option('--config <file>', 'config whose broker/data block gives credentials and endpoints')
    .option('--set <key=value>', 'override an option (repeatable)', collect)
    .action(async (options: DataFetchOptions) => done(await dataFetchCommand(options, io)));
  data
    .command('synth')
    .description('Write a seeded synthetic market (1-minute bars) to a CSV file')
    .requiredOption('--symbol <symbol>', 'symbol, e.g. NQ')
    .requiredOption('--from <date>', 'first bar, e.g. 2024-01-01')
    .requiredOption('--to <date>', 'end (exclusive)')
    .requiredOption('--out <file>', 'output CSV file')
    .option('--seed <n>', 'seed', '1')
    .option('--timeframe <tf>', 'bar timeframe (minutes multiple)', '1m')
    .option('--tick-size <size>', 'tick size')
    .option('--start-price <price>', 'first price')
    .action(async (options: { symbol: string; from: string; to: string; out: string; seed: string; timeframe: string; tickSize?: string; startPrice?: string }) =>
      done(await dataSynthCommand(options, io)),
    );
}
