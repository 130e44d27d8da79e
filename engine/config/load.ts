import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { ENV_KEYS, LIST_KEYS } from './env.js';
import { type Config, ConfigSchema } from './schema.js';

export class ConfigError extends Error {
  readonly userFacing = true;
  override readonly name = 'ConfigError';
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** Path of the config file; defaults to $IBRAIN_CONFIG or ./ibrain.config.json when present. */
  file?: string;
  /** Values that win over the file and the environment (e.g. CLI flags). */
  overrides?: Record<string, unknown>;
}

type Tree = Record<string, unknown>;

function setPath(tree: Tree, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = tree;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null) node[part] = {};
    node = node[part] as Tree;
  }
  node[parts[parts.length - 1]!] = value;
}

function mergeInto(target: Tree, source: Tree): Tree {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      typeof existing === 'object' &&
      existing !== null
    ) {
      mergeInto(existing as Tree, value as Tree);
    } else {
      target[key] = value;
    }
  }
  return target;
}

function readFile(path: string): Tree {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${path}: ${(error as Error).message}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ConfigError(`config file ${path} must hold a JSON object`);
    }
    return parsed as Tree;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

function describeIssue(
  issue: z.core.$ZodIssue,
  envNames: Map<string, string>,
  file: string | undefined,
): string {
  const key = issue.path.join('.');
  const env = envNames.get(key);
  const where = env ? ` (from environment variable ${env})` : file ? ` (in ${file})` : '';
  return `invalid config: ${key || '(root)'}${where}: ${issue.message}`;
}

/** Builds the one validated config: defaults < config file < environment < overrides. */
export function loadConfig(options: LoadOptions = {}): Config {
  const env = options.env ?? process.env;
  const explicitFile = options.file ?? env.IBRAIN_CONFIG;
  const file = explicitFile ?? (existsSync('ibrain.config.json') ? 'ibrain.config.json' : undefined);
  if (explicitFile && !existsSync(explicitFile)) {
    throw new ConfigError(`config file ${explicitFile} does not exist; create it or unset IBRAIN_CONFIG`);
  }
  const tree: Tree = file ? readFile(resolve(file)) : {};
  const envNames = new Map<string, string>();
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = LIST_KEYS.has(key)
      ? raw
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : raw;
    setPath(tree, key, value);
    envNames.set(key, name);
  }
  if (options.overrides) mergeInto(tree, options.overrides);
  const result = ConfigSchema.safeParse(tree);
  if (!result.success) {
    throw new ConfigError(describeIssue(result.error.issues[0]!, envNames, file));
  }
  return result.data;
}
