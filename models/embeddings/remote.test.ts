import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OllamaEmbeddings } from './ollama.js';
import { OpenAIEmbeddings } from './openai.js';

/** A loopback server speaking the OpenAI `/v1/embeddings` and Ollama `/api/embed` protocols. */
interface Call {
  path: string;
  body: { model: string; input: string[] };
  auth?: string;
}

const vector = (text: string) => [text.length, 1, 0];

describe('remote embeddings over their wire protocols', () => {
  let server: Server;
  let base: string;
  const calls: Call[] = [];
  let failNext = 0;
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => resolve(body));
    });

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const body = JSON.parse(await read(req)) as Call['body'];
      calls.push({ path: req.url ?? '', body, auth: req.headers.authorization });
      if (failNext > 0) {
        failNext--;
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"message":"busy"}}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url === '/v1/embeddings') {
        // Out of order on purpose: the provider must sort by index.
        const data = body.input
          .map((t, index) => ({ object: 'embedding', index, embedding: vector(t) }))
          .reverse();
        res.end(
          JSON.stringify({
            object: 'list',
            data,
            model: body.model,
            usage: { prompt_tokens: 1, total_tokens: 1 },
          }),
        );
      } else if (req.url === '/api/embed') {
        res.end(JSON.stringify({ model: body.model, embeddings: body.input.map(vector) }));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('OpenAI-compatible: batches, keeps input order, sends the key, L2-normalises', async () => {
    const e = new OpenAIEmbeddings({
      baseUrl: `${base}/v1`,
      apiKey: 'sk-test',
      model: 'bge-m3',
      dimensions: 3,
      batchSize: 2,
    });
    const out = await e.embed(['一', '二二', '三三三']);
    const openai = calls.filter((c) => c.path === '/v1/embeddings');
    expect(openai.map((c) => c.body.input)).toEqual([['一', '二二'], ['三三三']]);
    expect(openai[0]!.auth).toBe('Bearer sk-test');
    const norm = (x: number) => x / Math.hypot(x, 1);
    expect(out.map((v) => v[0]!)).toEqual([norm(1), norm(2), norm(3)].map((x) => Math.fround(x)));
  });

  it('OpenAI-compatible: retries a 503, and names the endpoint when it keeps failing', async () => {
    failNext = 1;
    const e = new OpenAIEmbeddings({ baseUrl: `${base}/v1`, model: 'm', dimensions: 3, maxRetries: 2 });
    expect(await e.embed(['x'])).toHaveLength(1);
    failNext = 10;
    const flaky = new OpenAIEmbeddings({ baseUrl: `${base}/v1`, model: 'm', dimensions: 3, maxRetries: 1 });
    await expect(flaky.embed(['x'])).rejects.toThrow(new RegExp(`embeddings endpoint ${base}/v1 failed`));
    failNext = 0;
  });

  it('rejects vectors of the wrong dimension', async () => {
    const e = new OpenAIEmbeddings({ baseUrl: `${base}/v1`, model: 'm', dimensions: 8 });
    await expect(e.embed(['x'])).rejects.toThrow(/8/);
  });

  it('Ollama: batch embed through /api/embed', async () => {
    const e = new OllamaEmbeddings({ baseUrl: base, model: 'bge-m3', dimensions: 3 });
    const out = await e.embed(['ab', 'abcd']);
    expect(calls.at(-1)).toMatchObject({
      path: '/api/embed',
      body: { model: 'bge-m3', input: ['ab', 'abcd'] },
    });
    expect(out[1]![0]!).toBeGreaterThan(out[0]![0]!);
  });

  it('Ollama: an unreachable host is a clear error', async () => {
    const e = new OllamaEmbeddings({
      baseUrl: 'http://127.0.0.1:9',
      model: 'm',
      dimensions: 3,
      timeoutMs: 2_000,
    });
    await expect(e.embed(['x'])).rejects.toThrow(/Ollama at http:\/\/127\.0\.0\.1:9 failed to embed/);
  });
});
