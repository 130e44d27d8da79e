import { Command } from 'commander';
import { commands } from './commands/index.js';

/**
 * The `ibrain` program. Command modules register themselves with only commander loaded; each
 * action imports what it needs, so `ibrain --help` stays fast.
 */
export function buildProgram(): Command {
  const program = new Command('ibrain')
    .description('产业大脑 Industry Brain: chain knowledge graph, documents, forecasts and risk')
    .version('0.1.0')
    .option('--data-dir <dir>', 'data directory (default $IBRAIN_DATA_DIR or ./.ibrain)')
    .option('--config <file>', 'config file (default $IBRAIN_CONFIG or ./ibrain.config.json)');
  for (const register of commands) register(program);
  const configure = (cmd: Command): void => {
    cmd.exitOverride().configureOutput({
      outputError: (text, write) => write(`ibrain: ${text.replace(/^error: /, '')}`),
    });
    cmd.commands.forEach(configure);
  };
  configure(program);
  return program;
}
