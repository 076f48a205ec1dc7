import { Command, CommanderError } from 'commander';
import { CliExit, formatCliError, type CliIo } from './cli-io.js';
import { registerCommands } from './commands/register-commands.js';

/**
 * Runs the `grandmodel` command line with `argv` (without the node and script entries) and returns the exit
 * code. Errors are printed for people — config problems one per line with file:line and path — never as stacks.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = new Command('grandmodel')
    .description('GrandModel SDK: backtest, paper-trade and run trading systems described by a config file')
    .configureOutput({ writeOut: (text) => void io.stdout.write(text), writeErr: (text) => void io.stderr.write(text) })
    .exitOverride()
    .showHelpAfterError();
  registerCommands(program, io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CliExit) {
      if (error.message) io.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(formatCliError(error));
    return 1;
  }
  return exitCode;
}
