/**
 * `npm run sandbox -- [--port N] [--data DIR] [--production] [--strict-pkce] [--controls] …`
 *
 * Why: start the sandbox from a terminal; the first stdout line is the SandboxInfo JSON so
 * scripts can read it (issue 3). Ctrl+C closes cleanly.
 */
import { startSandbox, type SandboxOptions } from '../index.js';
import { printUsage, runSandboxCli } from '../http/cli-lifecycle.js';

const USAGE = `Usage: npm run sandbox -- [options]
  --port N                 port on 127.0.0.1 (default 0 = any free port)
  --data DIR               persist state in DIR (default: memory only)
  --production             register the demo app as production Autolab must (device flow only)
  --strict-pkce            enforce S256 PKCE (non-Autolab)
  --controls               expose the control API (POST /__sandbox/control)
  --autograde-delay MS     autograder delay (default 3000)
  --token-lifetime S       access token lifetime in seconds (default 7200)
  --code-lifetime S        authorization code lifetime in seconds (default 600)
  --max-size MB            override every assessment's max upload size
  --no-rate-limits         disable rack-attack throttles
  --clock-offset MS        shift the sandbox clock
  --seed-students N        enrol N generated students in the current course
  --seed-assessments N     add N open assessments (each with a graded submission of the demo student)`;

function parseArgs(argv: string[]): SandboxOptions {
  const o: SandboxOptions = {};
  const num = (i: number, flag: string): number => {
    const v = Number(argv[i]);
    if (argv[i] === undefined || !Number.isFinite(v)) throw new Error(`${flag} needs a number`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--port': o.port = num(++i, a); break;
      case '--data': o.dataDir = argv[++i]; if (!o.dataDir) throw new Error('--data needs a directory'); break;
      case '--production': o.production = true; break;
      case '--strict-pkce': o.strictPkce = true; break;
      case '--controls': o.controlApi = true; break;
      case '--autograde-delay': o.autogradeDelayMs = num(++i, a); break;
      case '--token-lifetime': o.accessTokenLifetimeSec = num(++i, a); break;
      case '--code-lifetime': o.codeLifetimeSec = num(++i, a); break;
      case '--max-size': o.maxSizeMb = num(++i, a); break;
      case '--no-rate-limits': o.rateLimits = false; break;
      case '--clock-offset': o.clockOffsetMs = num(++i, a); break;
      case '--seed-students': o.seedStudents = num(++i, a); break;
      case '--seed-assessments': o.seedAssessments = num(++i, a); break;
      case '--help': case '-h': printUsage(USAGE); break;
      default: throw new Error(`Unknown option ${a}\n${USAGE}`);
    }
  }
  return o;
}

runSandboxCli({
  parse: parseArgs,
  start: (o) => startSandbox(o),
  greeting: (sb, options) => [
    `Autolab sandbox listening on ${sb.baseUrl}${options.production ? ' (production mode)' : ''}`,
    ...sb.users.map((u) => `  ${u.role.padEnd(16)} ${u.email} / ${u.password}`),
    `  device flow: ${sb.baseUrl}/activate   Ctrl+C to stop`,
  ],
});
