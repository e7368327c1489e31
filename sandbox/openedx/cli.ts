/**
 * `npm run -s sandbox:openedx -- [--port N] [--data DIR] [--controls] [--no-throttle]`
 *
 * Why: start the Open edX sandbox from a terminal; the first stdout line is its
 * info JSON (baseUrl, applications, users) so scripts can read it. Ctrl+C closes cleanly.
 */
import { startOpenedxSandbox, type OpenedxSandboxOptions } from './index.js';

const USAGE = `Usage: npm run -s sandbox:openedx -- [options]
  --port N        port on 127.0.0.1 (default 0 = any free port)
  --data DIR      persist state in DIR (default: memory only)
  --controls      expose the control API (POST /__sandbox/control)
  --no-throttle   switch the per-user API throttle off`;

function parseArgs(argv: string[]): OpenedxSandboxOptions {
  const o: OpenedxSandboxOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port') {
      o.port = Number(argv[++i]);
      if (!Number.isInteger(o.port) || o.port < 0) throw new Error('--port needs a number');
    } else if (a === '--data') {
      o.dataDir = argv[++i];
      if (!o.dataDir) throw new Error('--data needs a directory');
    } else if (a === '--controls') o.controlApi = true;
    else if (a === '--no-throttle') o.throttlePerMinute = 0;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new Error(`Unknown option ${a}\n${USAGE}`);
  }
  return o;
}

async function main(): Promise<void> {
  let options: OpenedxSandboxOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
  const sb = await startOpenedxSandbox(options);
  process.stdout.write(`${JSON.stringify(sb.info)}\n`);
  process.stdout.write(`Open edX sandbox listening on ${sb.baseUrl}\n`);
  for (const u of sb.users) process.stdout.write(`  ${u.username.padEnd(14)} ${u.email} / ${u.password}\n`);
  const stop = () => void sb.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
