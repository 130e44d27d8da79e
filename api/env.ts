import type { Logger } from 'pino';
import type { Principal } from '../knowledge-graph/schema/index.js';
import type { Engine } from '../engine/container.js';
import type { Context } from 'hono';
import type { ApiKey, AuditLog, DenialLog, KeyStore, SessionStore } from '../engine/security/index.js';
import type { FailureLimiter } from './middleware/failures.js';
import type { Metrics } from './metrics.js';

/** Per-request values the middleware sets for the handlers. */
export interface ApiVariables {
  requestId: string;
  /** The authenticated key, or null for anonymous requests to public routes. */
  apiKey: ApiKey | null;
  principal: Principal;
  /** How the key arrived: a header on API calls, the session cookie from the portal. */
  via: 'header' | 'session' | null;
}

export interface ApiEnv {
  Variables: ApiVariables;
}

export interface ApiOptions {
  logger?: Logger;
  /** Token bucket per key (or per client address when anonymous), for the API and the portal pages. */
  rateLimit?: { capacity: number; refillPerSecond: number };
  /** Failed authentications (bad keys, failed logins) allowed per client address: a burst, then a rate. */
  authFailures?: { capacity: number; refillPerSecond: number };
  /** How a request's client address is found; the socket's remote address by default. */
  clientAddress?: (c: Context) => string;
  /** Largest JSON body; uploads have their own limit. */
  maxBodyBytes?: number;
  maxUploadBytes?: number;
  /** Largest body of `POST /v1/evals/score`. */
  maxEvalBytes?: number;
  /** Overrides `server.corsOrigins` from the config. */
  corsOrigins?: readonly string[];
  /** Adds `Secure` to the session cookie; overrides `server.secureCookies` from the config. */
  secureCookies?: boolean;
  sessionTtlMs?: number;
}

/** What every route module needs: the engine, its security stores and the resolved options. */
export interface ApiDeps {
  engine: Engine;
  keys: KeyStore;
  sessions: SessionStore;
  audit: AuditLog;
  /** Denied accesses, aggregated so a flood writes a handful of audit rows. */
  denials: DenialLog;
  failures: FailureLimiter;
  clientAddress: (c: Context) => string;
  metrics: Metrics;
  logger: Logger;
  options: Required<Omit<ApiOptions, 'logger' | 'corsOrigins' | 'clientAddress'>> & {
    corsOrigins: readonly string[];
  };
}
