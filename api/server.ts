import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Engine } from '../engine/container.js';
import { createApp } from './app.js';
import type { ApiOptions } from './env.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Listens with node-server; port 0 picks a free port (tests and benchmarks). */
export function startServer(
  engine: Engine,
  listen: { host: string; port: number },
  options: ApiOptions = {},
): Promise<RunningServer> {
  const app = createApp(engine, options);
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, hostname: listen.host, port: listen.port },
      (info: AddressInfo) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}`,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              if ('closeAllConnections' in server) server.closeAllConnections();
            }),
        });
      },
    );
    server.once('error', reject);
  });
}
