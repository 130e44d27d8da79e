/**
 * Environment variables and the config key each one sets. Kept as data so the error for a bad
 * value can name the variable the user actually typed.
 */
export const ENV_KEYS: Readonly<Record<string, string>> = {
  IBRAIN_DATA_DIR: 'dataDir',
  IBRAIN_GRAPH: 'graph.adapter',
  NEO4J_URI: 'graph.neo4j.uri',
  NEO4J_USER: 'graph.neo4j.user',
  NEO4J_PASSWORD: 'graph.neo4j.password',
  NEO4J_DATABASE: 'graph.neo4j.database',
  IBRAIN_VECTORS: 'vectors.adapter',
  QDRANT_URL: 'vectors.qdrant.url',
  QDRANT_API_KEY: 'vectors.qdrant.apiKey',
  QDRANT_COLLECTION: 'vectors.qdrant.collection',
  IBRAIN_QUEUE: 'queue.adapter',
  REDIS_URL: 'queue.redisUrl',
  LLM_PROVIDER: 'llm.provider',
  LLM_BASE_URL: 'llm.baseUrl',
  LLM_API_KEY: 'llm.apiKey',
  LLM_MODEL: 'llm.model',
  LLM_TIMEOUT_MS: 'llm.timeoutMs',
  LLM_MAX_RETRIES: 'llm.maxRetries',
  IBRAIN_EMBEDDINGS: 'embeddings.provider',
  EMBEDDINGS_MODEL: 'embeddings.model',
  EMBEDDINGS_MODEL_DIR: 'embeddings.modelDir',
  EMBEDDINGS_BASE_URL: 'embeddings.baseUrl',
  EMBEDDINGS_API_KEY: 'embeddings.apiKey',
  EMBEDDINGS_DIMENSIONS: 'embeddings.dimensions',
  IBRAIN_FORECAST_MODEL: 'forecast.onnxModel',
  IBRAIN_HOST: 'server.host',
  IBRAIN_PORT: 'server.port',
  IBRAIN_CORS_ORIGINS: 'server.corsOrigins',
  IBRAIN_SECURE_COOKIES: 'server.secureCookies',
  IBRAIN_LOG_LEVEL: 'log.level',
  IBRAIN_AUDIT_KEY: 'audit.key',
  IBRAIN_AUDIT_CHECKPOINT: 'audit.checkpointPath',
  IBRAIN_AUDIT_CHECKPOINT_EVERY: 'audit.checkpointEvery',
  IBRAIN_AUDIT_CHECKPOINT_SECONDS: 'audit.checkpointSeconds',
};

/** Keys whose environment value is a comma-separated list. */
export const LIST_KEYS = new Set(['server.corsOrigins']);
