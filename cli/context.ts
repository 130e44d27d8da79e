import type { Engine } from '../engine/container.js';

/** Global options every command accepts, set on the root program. */
export interface GlobalOptions {
  dataDir?: string;
  config?: string;
}

/**
 * Opens the engine from the validated config for one command and closes it afterwards, also
 * when the command throws.
 */
export async function withEngine<T>(
  fn: (engine: Engine) => Promise<T>,
  options: GlobalOptions = {},
): Promise<T> {
  const [{ loadConfig }, { Engine: EngineClass }] = await Promise.all([
    import('../engine/config/load.js'),
    import('../engine/container.js'),
  ]);
  const config = loadConfig({
    file: options.config,
    overrides: options.dataDir ? { dataDir: options.dataDir } : undefined,
  });
  const engine = await EngineClass.open(config);
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}
