import type { Engine } from './container.js';

/**
 * A feature's own value made once per engine on first use (a cache, a service over the engine's
 * adapters). Typed by its maker, so no registry key can name two things or the wrong type.
 */
export function perEngine<T>(make: (engine: Engine) => T): (engine: Engine) => T {
  const made = new WeakMap<Engine, T>();
  return (engine) => {
    if (!made.has(engine)) made.set(engine, make(engine));
    return made.get(engine) as T;
  };
}
