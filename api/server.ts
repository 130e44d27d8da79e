import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { briefingsFor } from '../engine/briefing/service.js';
import type { Engine } from '../engine/container.js';
import { createApp } from './app.js';
import type { ApiOptions } from './env.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Listens with node-server; port 0 picks a free port (tests and benchmarks). Starts the job
 * worker first, so briefings a previous process left queued resume without waiting for a request;
 * closing stops taking requests, then lets the running job finish.
 */
export async function startServer(
  engine: Engine,
  listen: { host: string; port: number },
  options: ApiOptions = {},
): Promise<RunningServer> {
  briefingsFor(engine);
  const queue = await engine.jobs();
  const app = createApp(engine, options);
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, hostname: listen.host, port: listen.port },
      (info: AddressInfo) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}`,
          close: async () => {
            await new Promise<void>((done) => {
              server.close(() => done());
              if ('closeAllConnections' in server) server.closeAllConnections();
            });
            await queue.close();
          },
        });
      },
    );
    server.once('error', reject);
  });
}
