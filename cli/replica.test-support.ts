import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), 'main.ts');

/** One `ibrain` deployment member: its own data directory, the shared services from `env`. */
export class Replica {
  readonly dataDir: string;
  private server: ChildProcess | undefined;
  url = '';
  output = '';

  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
  ) {
    this.dataDir = mkdtempSync(join(tmpdir(), `ibrain-replica-${name}-`));
  }

  private environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return { ...process.env, ...this.env, IBRAIN_DATA_DIR: this.dataDir, ...extra };
  }

  /** Runs one `ibrain` command on this replica's settings; throws with its stderr when it fails. */
  run(...args: string[]): string {
    const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      encoding: 'utf8',
      env: this.environment(),
      timeout: 180_000,
    });
    if (r.status !== 0)
      throw new Error(`${this.name}: ibrain ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return r.stdout;
  }

  /** Starts `ibrain serve` on a free port and resolves once it listens. */
  async serve(extraEnv: Record<string, string> = {}, ...flags: string[]): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve', '--port', '0', ...flags], {
      env: this.environment(extraEnv),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.server = child;
    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.name} did not start:\n${this.output}`)),
        240_000,
      );
      const read = (chunk: Buffer) => {
        this.output += chunk.toString();
        const m = /listening on (http:\/\/[^\s]+)/.exec(this.output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited ${code} before listening:\n${this.output}`));
      });
    });
  }

  /** The serving process's id. */
  get pid(): number | undefined {
    return this.server?.pid;
  }

  fetch(path: string, init: RequestInit & { key?: string } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (init.key) headers.set('Authorization', `Bearer ${init.key}`);
    return fetch(`${this.url}${path}`, { ...init, headers });
  }

  async stop(): Promise<void> {
    const child = this.server;
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
