/**
 * `npm run -s sandbox:lametric -- [--port N] [--device-https-port N] [--device-http-port N]
 * [--redirect-uri URI]… [--token-lifetime S]`
 *
 * Why: start the LaMetric sandbox from a terminal; the first stdout line is the
 * LametricSandboxInfo JSON so scripts can read it (issue 14). Ctrl+C closes cleanly.
 */
import { parseArgs } from 'node:util';
import { startLametricSandbox, type LametricSandboxOptions } from './index.js';
import { printUsage, runSandboxCli } from '../http/cli-lifecycle.js';

const USAGE = `Usage: npm run -s sandbox:lametric -- [options]
  --port N                the cloud's port on 127.0.0.1 (default 0 = any free port)
  --device-https-port N   the clock's HTTPS port (a real clock: 4343; default any free port)
  --device-http-port N    the clock's HTTP port (a real clock: 8080; default any free port)
  --redirect-uri URI      register this redirect URI for the demo app (repeatable;
                          default http://127.0.0.1:47613/callback)
  --token-lifetime S      access-token lifetime in seconds (default 3600)`;

function options(args: string[]): LametricSandboxOptions {
  try {
    return read(args);
  } catch (e) {
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
  }
}

function read(args: string[]): LametricSandboxOptions {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      'device-https-port': { type: 'string' },
      'device-http-port': { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      'token-lifetime': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) printUsage(USAGE);
  const num = (v: string | undefined, flag: string): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${flag} needs a number`);
    return n;
  };
  const o: LametricSandboxOptions = {};
  const port = num(values.port, '--port');
  const https = num(values['device-https-port'], '--device-https-port');
  const http = num(values['device-http-port'], '--device-http-port');
  const lifetime = num(values['token-lifetime'], '--token-lifetime');
  if (port !== undefined) o.port = port;
  if (https !== undefined) o.deviceHttpsPort = https;
  if (http !== undefined) o.deviceHttpPort = http;
  if (lifetime !== undefined) o.tokenLifetimeSec = lifetime;
  if (values['redirect-uri']?.length) o.redirectUris = values['redirect-uri'];
  return o;
}

runSandboxCli({
  parse: options,
  start: (o) => startLametricSandbox(o),
  greeting: (sb) => [
    `LaMetric cloud sandbox on ${sb.cloudUrl}; clock on ${sb.device.httpsUrl} and ${sb.device.httpUrl}`,
    ...sb.users.map((u) => `  login ${u.email} / ${u.password}   Ctrl+C to stop`),
  ],
});
