import { EmbeddingsError } from './port.js';

/** POSTs JSON with a timeout; turns network and HTTP failures into errors naming the endpoint. */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new EmbeddingsError(
      `embeddings endpoint ${url} unreachable: ${(error as Error).message}; check EMBEDDINGS_BASE_URL`,
    );
  }
  if (!response.ok) {
    const detail = (await response.text().catch(() => '')).slice(0, 200);
    throw new EmbeddingsError(`embeddings endpoint ${url} answered HTTP ${response.status}: ${detail}`);
  }
  return response.json();
}
