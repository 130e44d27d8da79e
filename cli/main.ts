#!/usr/bin/env node
import { CommanderError } from 'commander';
import { isUserFacing } from '../engine/errors.js';
import { buildProgram } from './program.js';

async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (isUserFacing(error)) {
      process.stderr.write(`ibrain: ${error.message.split('\n')[0]}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`ibrain: internal error: ${message}\n`);
    if (process.env.IBRAIN_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    else process.stderr.write('ibrain: set IBRAIN_DEBUG=1 to print the stack trace\n');
    return 1;
  }
}

process.exitCode = await main(process.argv);
