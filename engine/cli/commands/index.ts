import type { Command } from 'commander';

/** Each command module adds its commands to the program; actions import their work lazily. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [];
