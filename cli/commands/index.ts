import type { Command } from 'commander';
import { registerAskCommands } from './ask.js';
import { registerDataCommands } from './data.js';
import { registerEvalCommands } from './eval.js';
import { registerForecastCommands } from './forecast.js';
import { registerGraphCommands } from './graph.js';
import { registerServeCommands } from './serve.js';
import { registerRetrievalCommands } from './retrieval.js';
import { registerRiskCommands } from './risk.js';

/** Each command module adds its commands to the program; actions import their work lazily. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  registerDataCommands,
  registerGraphCommands,
  registerForecastCommands,
  registerRetrievalCommands,
  registerServeCommands,
  registerRiskCommands,
  registerEvalCommands,
  registerAskCommands,
];
