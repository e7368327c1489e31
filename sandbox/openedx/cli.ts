/**
 * `npm run -s sandbox:openedx -- [--port N] [--data DIR] [--controls] [--no-throttle]`
 *
 * Why: start the Open edX sandbox from a terminal; the first stdout line is its
 * info JSON (baseUrl, applications, users) so scripts can read it. Ctrl+C closes cleanly.
 */
import { startOpenedxSandbox, type OpenedxSandboxOptions } from './index.js';
import { printUsage, runSandboxCli } from '../http/cli-lifecycle.js';

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
    else if (a === '--help' || a === '-h') printUsage(USAGE);
    else throw new Error(`Unknown option ${a}\n${USAGE}`);
  }
  return o;
}

runSandboxCli({
  parse: parseArgs,
  start: (o) => startOpenedxSandbox(o),
  greeting: (sb) => [`Open edX sandbox listening on ${sb.baseUrl}`, ...sb.users.map((u) => `  ${u.username.padEnd(14)} ${u.email} / ${u.password}`)],
});
