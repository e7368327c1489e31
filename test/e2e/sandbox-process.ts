/**
 * Run the sandbox (a local Autolab) in its own process for an end-to-end
 * test, with its HTTP control API, the way a developer runs `npm run sandbox`.
 */
import { spawn } from 'node:child_process';
import readline from 'node:readline';

/** The first JSON line of `sandbox/autolab/cli.ts`. */
export interface SandboxProcessInfo {
  baseUrl: string;
  applications: Array<{ name: string; client_id: string; client_secret: string; redirect_uris: string[]; scopes: string[] }>;
  users: Array<{ email: string; password: string; role: string }>;
  control: { url: string; token: string };
}

/** A running sandbox process. */
export interface SandboxProcess extends Omit<SandboxProcessInfo, 'control'> {
  /** Call one of the sandbox's controls (sandbox/README.md "Controls"). */
  control(action: string, ...args: unknown[]): Promise<unknown>;
  /** The requests the sandbox answered (never tokens). */
  requests(): Promise<Array<{ method: string; path: string; query?: string; background?: true; grantType?: string; status: number; at: number }>>;
  stop(): Promise<void>;
}

/** Start `sandbox/autolab/cli.ts --controls` (or another sandbox's CLI, e.g. `sandbox/openedx/cli.ts`) with extra flags. */
export async function startSandboxProcess(flags: string[] = [], script = 'sandbox/autolab/cli.ts'): Promise<SandboxProcess> {
  const child = spawn('node_modules/.bin/tsx', [script, '--port', '0', '--controls', ...flags], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${stderr}`)), 20_000);
    readline.createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${stderr}`)));
  });
  const info = JSON.parse(first) as SandboxProcessInfo;
  const headers = { 'X-Sandbox-Control': info.control.token, 'Content-Type': 'application/json' };
  return {
    ...info,
    async control(action, ...args) {
      const res = await fetch(info.control.url, { method: 'POST', headers, body: JSON.stringify({ action, args }) });
      if (!res.ok) throw new Error(`sandbox control ${action} failed: ${res.status} ${await res.text()}`);
      return res.json();
    },
    async requests() {
      const res = await fetch(`${info.control.url}/requests`, { headers });
      return (await res.json()) as Array<{ method: string; path: string; query?: string; background?: true; grantType?: string; status: number; at: number }>;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
