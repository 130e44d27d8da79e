import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A scripted stand-in for an LLM endpoint on 127.0.0.1 that speaks the OpenAI
 * /v1/chat/completions and Ollama /api/chat wire protocols, streaming or not. Each request takes
 * the next reply off a queue and is recorded, so a test asserts both what the code sent and what
 * it did with the answer. An empty queue answers 500 naming the problem, so a missing script
 * fails loudly rather than hanging.
 */
export type Reply =
  | { kind: 'text'; text: string; usage?: Usage }
  | { kind: 'tool'; name: string; args: Record<string, unknown>; usage?: Usage }
  /** Several tool calls in one reply, in order: a plan of steps. */
  | {
      kind: 'tools';
      calls: ReadonlyArray<{ name: string; args: Readonly<Record<string, unknown>> }>;
      usage?: Usage;
    }
  | { kind: 'error'; status: number; message?: string }
  /** Answers only after `ms`: longer than the client's timeout, it stands for a hung endpoint. */
  | { kind: 'slow'; ms: number; reply: Reply };

export interface Usage {
  input: number;
  output: number;
}

export interface Received {
  path: string;
  body: ChatRequest;
}

/** The parts of a chat request the tests look at; both protocols share them. */
export interface ChatRequest {
  model: string;
  stream?: boolean;
  messages: Array<{ role: string; content: string | null }>;
  tools?: Array<{ type: string; function: { name: string; description?: string; parameters: unknown } }>;
}

export class FakeLlmServer {
  readonly received: Received[] = [];
  private readonly queue: Reply[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<FakeLlmServer> {
    let self: FakeLlmServer | undefined;
    const server = createServer((req, res) => self?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    self = new FakeLlmServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return self;
  }

  /** Queues replies for the next requests, in order. */
  script(...replies: Reply[]): void {
    this.queue.push(...replies);
  }

  /** Forgets the queue and the recorded requests between tests. */
  reset(): void {
    this.queue.length = 0;
    this.received.length = 0;
  }

  get pending(): number {
    return this.queue.length;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    let raw = '';
    req.on('data', (c: Buffer) => {
      raw += c.toString('utf8');
    });
    req.on('end', () => {
      const body = JSON.parse(raw) as ChatRequest;
      const path = req.url ?? '';
      this.received.push({ path, body });
      const reply = this.queue.shift() ?? {
        kind: 'error',
        status: 500,
        message: 'fake LLM server: no scripted reply left',
      };
      this.answer(path, body, reply, res);
    });
  }

  private answer(path: string, body: ChatRequest, reply: Reply, res: ServerResponse): void {
    if (reply.kind === 'slow') {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!res.destroyed) this.answer(path, body, reply.reply, res);
      }, reply.ms);
      this.timers.add(timer);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    if (reply.kind === 'error') {
      res
        .writeHead(reply.status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: reply.message ?? 'overloaded' } }));
      return;
    }
    if (path === '/api/chat') ollama(body, reply, res);
    else if (path === '/v1/chat/completions') openai(body, reply, res);
    else res.writeHead(404).end();
  }
}

type Answer = Extract<Reply, { kind: 'text' | 'tool' | 'tools' }>;

/** The tool calls of a reply, one or several. */
function callsOf(reply: Answer): ReadonlyArray<{ name: string; args: Readonly<Record<string, unknown>> }> {
  if (reply.kind === 'tool') return [{ name: reply.name, args: reply.args }];
  return reply.kind === 'tools' ? reply.calls : [];
}

/** Splits a text into a few pieces so streaming clients see several deltas. */
function pieces(text: string): string[] {
  const size = Math.max(1, Math.ceil(text.length / 4));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function openai(body: ChatRequest, reply: Answer, res: ServerResponse): void {
  const u = reply.usage ?? { input: 10, output: 5 };
  const usage = { prompt_tokens: u.input, completion_tokens: u.output, total_tokens: u.input + u.output };
  const head = { id: 'chatcmpl-fake', created: 0, model: body.model };
  const calls = callsOf(reply);
  const call = (i: number, args: string) => ({
    index: i,
    id: `call_${i + 1}`,
    type: 'function',
    function: { name: calls[i]!.name, arguments: args },
  });
  if (!body.stream) {
    const message =
      reply.kind === 'text'
        ? { role: 'assistant', content: reply.text }
        : {
            role: 'assistant',
            content: null,
            tool_calls: calls.map((c, i) => call(i, JSON.stringify(c.args))),
          };
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        ...head,
        object: 'chat.completion',
        choices: [{ index: 0, message, finish_reason: reply.kind === 'text' ? 'stop' : 'tool_calls' }],
        usage,
      }),
    );
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  const chunk = (delta: unknown, finish: string | null = null) =>
    send({ ...head, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] });
  if (reply.kind === 'text') {
    chunk({ role: 'assistant', content: '' });
    for (const piece of pieces(reply.text)) chunk({ content: piece });
    chunk({}, 'stop');
  } else {
    // OpenAI streams each call's id and name first, then its JSON arguments in fragments.
    calls.forEach((c, i) => {
      chunk({ ...(i === 0 ? { role: 'assistant', content: null } : {}), tool_calls: [call(i, '')] });
      for (const piece of pieces(JSON.stringify(c.args)))
        chunk({ tool_calls: [{ index: i, function: { arguments: piece } }] });
    });
    chunk({}, 'tool_calls');
  }
  send({ ...head, object: 'chat.completion.chunk', choices: [], usage });
  res.end('data: [DONE]\n\n');
}

function ollama(body: ChatRequest, reply: Answer, res: ServerResponse): void {
  const u = reply.usage ?? { input: 10, output: 5 };
  const head = { model: body.model, created_at: '2025-01-01T00:00:00Z' };
  const last = {
    ...head,
    done: true,
    done_reason: 'stop',
    prompt_eval_count: u.input,
    eval_count: u.output,
  };
  // Ollama sends a tool call whole, with its arguments as a JSON object, never in fragments.
  const message =
    reply.kind === 'text'
      ? { role: 'assistant', content: reply.text }
      : {
          role: 'assistant',
          content: '',
          tool_calls: callsOf(reply).map((c) => ({ function: { name: c.name, arguments: c.args } })),
        };
  // Ollama streams unless told not to.
  if (body.stream === false) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...last, message }));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  if (reply.kind === 'text')
    for (const piece of pieces(reply.text))
      res.write(
        `${JSON.stringify({ ...head, message: { role: 'assistant', content: piece }, done: false })}\n`,
      );
  else res.write(`${JSON.stringify({ ...head, message, done: false })}\n`);
  res.end(`${JSON.stringify({ ...last, message: { role: 'assistant', content: '' } })}\n`);
}
