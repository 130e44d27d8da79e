import { z } from 'zod';

const url = z.url({ error: 'expected a URL such as http://127.0.0.1:6333' });

export const ConfigSchema = z.object({
  dataDir: z.string().min(1).default('./.ibrain'),
  graph: z
    .object({
      adapter: z.enum(['sqlite', 'neo4j']).default('sqlite'),
      neo4j: z
        .object({
          uri: z
            .string()
            .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\//, 'expected neo4j://, bolt:// (optionally +s/+ssc)'),
          user: z.string().default('neo4j'),
          password: z.string().default(''),
          database: z.string().default('neo4j'),
        })
        .optional(),
    })
    .default({ adapter: 'sqlite' }),
  vectors: z
    .object({
      adapter: z.enum(['embedded', 'qdrant']).default('embedded'),
      qdrant: z
        .object({
          url,
          apiKey: z.string().optional(),
          collection: z.string().min(1).default('ibrain_chunks'),
        })
        .optional(),
    })
    .default({ adapter: 'embedded' }),
  queue: z
    .object({
      adapter: z.enum(['memory', 'bullmq']).default('memory'),
      redisUrl: z
        .string()
        .regex(/^rediss?:\/\//, 'expected redis://host:port')
        .default('redis://127.0.0.1:6379'),
      /** Namespaces the queue's Redis keys, so deployments can share one Redis. */
      prefix: z
        .string()
        .regex(/^[A-Za-z0-9_.-]+$/, 'expected letters, digits, ".", "_" or "-"')
        .default('ibrain'),
      /** How long finished jobs (and so their results) stay pollable before Redis drops them. */
      keepCompletedSeconds: z.coerce
        .number()
        .int()
        .positive()
        .default(7 * 24 * 3600),
      keepFailedSeconds: z.coerce
        .number()
        .int()
        .positive()
        .default(14 * 24 * 3600),
      /** At most this many finished jobs of each outcome are kept, whatever their age. */
      keepCount: z.coerce.number().int().positive().default(10_000),
      /** Whether this process runs queued jobs; false makes a replica that only enqueues and polls (BullMQ). */
      worker: z.union([z.boolean(), z.stringbool({ error: 'expected true or false' })]).default(true),
    })
    .default({
      adapter: 'memory',
      redisUrl: 'redis://127.0.0.1:6379',
      prefix: 'ibrain',
      keepCompletedSeconds: 7 * 24 * 3600,
      keepFailedSeconds: 14 * 24 * 3600,
      keepCount: 10_000,
      worker: true,
    }),
  /**
   * Where shared state lives (documents and postings, keys, sessions, audit, catalog, series, job
   * results, blobs): the embedded SQLite file and data directory, or one PostgreSQL for all replicas.
   */
  state: z
    .object({
      adapter: z.enum(['embedded', 'postgres']).default('embedded'),
      databaseUrl: z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'expected postgres://user:password@host:5432/database')
        .optional(),
    })
    .default({ adapter: 'embedded' }),
  /** Request rate limits: per process, or counted in Redis (REDIS_URL) across every replica. */
  limits: z
    .object({
      adapter: z.enum(['memory', 'redis']).default('memory'),
      /** Requests one caller may burst, then `perSecond` more each second. */
      burst: z.coerce.number().int().min(1).default(120),
      perSecond: z.coerce.number().positive().default(20),
    })
    .default({ adapter: 'memory', burst: 120, perSecond: 20 }),
  llm: z
    .object({
      provider: z.enum(['none', 'openai', 'ollama']).default('none'),
      baseUrl: url.optional(),
      apiKey: z.string().optional(),
      model: z.string().optional(),
      timeoutMs: z.coerce.number().int().positive().default(60_000),
      maxRetries: z.coerce.number().int().min(0).max(10).default(2),
    })
    .default({ provider: 'none', timeoutMs: 60_000, maxRetries: 2 }),
  embeddings: z
    .object({
      provider: z.enum(['hash', 'transformers', 'openai', 'ollama']).default('hash'),
      model: z.string().optional(),
      modelDir: z.string().optional(),
      baseUrl: url.optional(),
      apiKey: z.string().optional(),
      dimensions: z.coerce.number().int().min(8).max(8192).default(512),
    })
    .default({ provider: 'hash', dimensions: 512 }),
  forecast: z
    .object({
      onnxModel: z.string().optional(),
    })
    .default({}),
  server: z
    .object({
      host: z.string().default('127.0.0.1'),
      port: z.coerce.number().int().min(0).max(65_535).default(8080),
      corsOrigins: z.array(z.string()).default([]),
      /** Mark the session cookie `Secure`: set it when the portal is served over HTTPS (e.g. behind TLS). */
      secureCookies: z.union([z.boolean(), z.stringbool({ error: 'expected true or false' })]).default(false),
    })
    .default({ host: '127.0.0.1', port: 8080, corsOrigins: [], secureCookies: false }),
  ingest: z
    .object({
      /** Characters of text one file may hold. */
      maxChars: z.coerce.number().int().min(1_000).default(5_000_000),
      maxPages: z.coerce.number().int().min(1).default(2_000),
      /** Megabytes a .docx may unpack to (zip-bomb guard). */
      maxUnpackedMb: z.coerce.number().positive().max(4_096).default(100),
      /** Seconds one file may take to read before its worker is stopped. */
      parseSeconds: z.coerce.number().positive().max(3_600).default(60),
      /** Heap of the worker that reads documents, in MB. */
      parserMemoryMb: z.coerce.number().int().min(64).max(16_384).default(512),
    })
    .default({
      maxChars: 5_000_000,
      maxPages: 2_000,
      maxUnpackedMb: 100,
      parseSeconds: 60,
      parserMemoryMb: 512,
    }),
  uploads: z
    .object({
      /** Characters of text one uploaded file may hold (stricter than the CLI's ingest.maxChars). */
      maxChars: z.coerce.number().int().min(1_000).default(2_000_000),
      maxPages: z.coerce.number().int().min(1).default(1_000),
      maxUnpackedMb: z.coerce.number().positive().max(4_096).default(50),
      /** Characters all documents of one tenant (visibility) may hold together. */
      quotaChars: z.coerce.number().int().min(1_000).default(50_000_000),
    })
    .default({ maxChars: 2_000_000, maxPages: 1_000, maxUnpackedMb: 50, quotaChars: 50_000_000 }),
  audit: z
    .object({
      /** IBRAIN_AUDIT_KEY: keys the audit log's hash chain and signs its checkpoints. */
      key: z
        .string()
        .refine((k) => Buffer.byteLength(k, 'utf8') >= 32, {
          error: 'must be at least 32 bytes (e.g. openssl rand -base64 48); shorter keys are refused',
        })
        .optional(),
      /** A second checkpoint file outside the data directory, e.g. on another volume. */
      checkpointPath: z.string().min(1).optional(),
      checkpointEvery: z.coerce.number().int().min(1).max(1_000_000).default(50),
      checkpointSeconds: z.coerce.number().int().min(1).max(86_400).default(30),
    })
    .default({ checkpointEvery: 50, checkpointSeconds: 30 }),
  log: z
    .object({
      level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    })
    .default({ level: 'info' }),
});

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
