/**
 * The sandbox (a faithful local Autolab) in its own process for the benchmark,
 * and a student's access token for it.
 *
 * Its own process so that its CPU and memory are not counted against ours.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { sandboxToken } from '../test/helpers/sandbox-token';

/** The first JSON line of `sandbox/cli.ts` (the parts the bench uses). */
export interface BenchSandboxInfo {
  baseUrl: string;
  applications: Array<{ name: string; client_id: string; client_secret: string; redirect_uris: string[]; scopes: string[] }>;
  users: Array<{ email: string; password: string; role: string }>;
  /** Present when started with `--controls`. */
  control?: { url: string; token: string };
}

/** A running sandbox process. */
export interface BenchSandbox extends Omit<BenchSandboxInfo, 'control'> {
  /** The sandbox's process id (to sample its memory if wanted). */
  pid: number;
  /** Call a sandbox control (needs `--controls`; sandbox/README.md "Controls"). */
  control(action: string, ...args: unknown[]): Promise<void>;
  stop(): Promise<void>;
}

/** Start `sandbox/cli.ts --port 0` with `flags` and wait for its JSON line. */
export async function startBenchSandbox(flags: string[] = []): Promise<BenchSandbox> {
  const child: ChildProcess = spawn('node_modules/.bin/tsx', ['sandbox/cli.ts', '--port', '0', ...flags], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${stderr}`)), 30_000);
    readline.createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${stderr}`)));
  });
  child.stdout!.resume();
  const info = JSON.parse(first) as BenchSandboxInfo;
  return {
    baseUrl: info.baseUrl,
    applications: info.applications,
    users: info.users,
    pid: child.pid!,
    async control(action, ...args) {
      if (!info.control) throw new Error('the sandbox was started without --controls');
      const res = await fetch(info.control.url, {
        method: 'POST',
        headers: { 'X-Sandbox-Control': info.control.token, 'Content-Type': 'application/json' },
        body: JSON.stringify({ action, args }),
      });
      if (!res.ok) throw new Error(`sandbox control ${action} failed: HTTP ${res.status}`);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Sign the demo student in through the sandbox's pages and return an access token.
 * The token is a secret: callers must never print it.
 */
export async function studentToken(sb: Pick<BenchSandboxInfo, 'baseUrl' | 'applications' | 'users'>): Promise<string> {
  const app = sb.applications[0]!;
  const student = sb.users.find((u) => u.role === 'student') ?? sb.users[0]!;
  const tokens = await sandboxToken({
    baseUrl: sb.baseUrl,
    clientId: app.client_id,
    clientSecret: app.client_secret,
    redirectUri: app.redirect_uris.find((u) => u.startsWith('http://127.0.0.1')) ?? app.redirect_uris[0]!,
    scopes: app.scopes,
    email: student.email,
    password: student.password,
  });
  return tokens.access_token;
}
