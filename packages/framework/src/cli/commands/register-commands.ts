import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { pluginsCommand } from './plugins-command.js';
import { schemaCommand } from './schema-command.js';
import { validateCommand } from './validate-command.js';

/** Every `grandmodel` command, registered on the program; `done` receives each command's exit code. */
export function registerCommands(program: Command, io: CliIo, done: (code: number) => void): void {
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
}
