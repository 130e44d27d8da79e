import type { Command } from 'commander';
import { registerDataCommands } from './data.js';
import { registerGraphCommands } from './graph.js';

/** Each command module adds its commands to the program; actions import their work lazily. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerDataCommands, registerGraphCommands];
