#!/usr/bin/env node
/**
 * `node scripts/electronegativity.cjs`: Doyensec's Electronegativity over
 * main/, preload/ and renderer/ (offline), failing on any finding that
 * `security/electronegativity-justified.json` does not justify with a reason
 * (issue 11). `--json` prints every finding as JSON lines instead; `--source DIR`
 * scans another tree with the same layout (tests).
 *
 * Electronegativity parses TypeScript with typescript-estree 4, which needs
 * the TypeScript 5 compiler API; the project builds with TypeScript 7, so its
 * `require('typescript')` is pointed at the `typescript5` alias here.
 */
'use strict';
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..');
const sourceFlag = process.argv.indexOf('--source');
const source = sourceFlag > 0 ? path.resolve(process.argv[sourceFlag + 1]) : root;
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolve(request, parent, ...rest) {
  if (request === 'typescript' && parent && /[\\/]@typescript-eslint[\\/]/.test(parent.filename ?? '')) {
    return originalResolve.call(this, 'typescript5', parent, ...rest);
  }
  return originalResolve.call(this, request, parent, ...rest);
};

/** No network: Electronegativity's only requests (translations, Electron release list) fail at once. */
const offlineGot = Object.assign(() => Promise.reject(new Error('offline')), { get: () => Promise.reject(new Error('offline')) });
const originalLoad = Module._load;
Module._load = function load(request, parent, ...rest) {
  if (request === 'got' && parent && /[\\/]@doyensec[\\/]electronegativity[\\/]/.test(parent.filename ?? '')) return offlineGot;
  return originalLoad.call(this, request, parent, ...rest);
};

/** Scan main/, preload/ and renderer/ together (global checks need the whole app); paths are repo-relative. */
async function scan() {
  const os = require('node:os');
  const run = require('@doyensec/electronegativity');
  const electronVersion = require(path.join(root, 'node_modules/electron/package.json')).version;
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
  try {
    for (const dir of ['main', 'preload', 'renderer']) fs.cpSync(path.join(source, dir), path.join(copy, dir), { recursive: true });
    const log = console.log;
    console.log = () => undefined; // its progress chatter
    let result;
    try {
      result = await run({
        input: copy,
        customScan: [],
        // Compares the Electron version with GitHub's release list: a network check about
        // dependency freshness (Dependabot's job), not about this code.
        excludeFromScan: ['availablesecurityfixesglobalcheck'],
        isRelative: false,
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      });
    } finally {
      console.log = log;
    }
    return {
      errors: result.errors,
      issues: result.issues.map((i) => ({
        id: i.id,
        file: path.relative(copy, path.resolve(copy, i.file)).split(path.sep).join('/'),
        line: i.location?.line ?? 0,
        severity: i.severity?.name ?? String(i.severity),
        confidence: i.confidence?.name ?? String(i.confidence),
        description: i.description,
        sample: (i.sample ?? '').trim().slice(0, 160),
      })),
    };
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

async function main() {
  const { issues: findings, errors } = await scan();
  if (process.argv.includes('--json')) {
    for (const f of findings) process.stdout.write(`${JSON.stringify(f)}\n`);
    for (const e of errors) process.stderr.write(`parse error: ${JSON.stringify(e)}\n`);
    return;
  }
  const justified = JSON.parse(fs.readFileSync(path.join(root, 'security/electronegativity-justified.json'), 'utf8'));
  const matches = (j, f) => j.id === f.id && j.file === f.file && (j.sample === undefined || f.sample.includes(j.sample));
  const unjustified = findings.filter((f) => !justified.some((j) => matches(j, f) && typeof j.reason === 'string' && j.reason.length > 20));
  const unused = justified.filter((j) => !findings.some((f) => matches(j, f)));
  if (errors.length) {
    process.stderr.write(`Electronegativity could not parse ${errors.length} file(s):\n${errors.map((e) => `  ${JSON.stringify(e)}`).join('\n')}\n`);
  }
  for (const f of unjustified) process.stderr.write(`unjustified Electronegativity finding ${f.id} in ${f.file}:${f.line} (${f.severity}): ${f.sample}\n`);
  for (const j of unused) process.stderr.write(`stale justification (no such finding any more): ${j.id} in ${j.file}\n`);
  if (unjustified.length || unused.length || errors.length) process.exit(1);
  process.stdout.write(`Electronegativity: ${findings.length} finding(s), each justified in security/electronegativity-justified.json.\n`);
}

main().catch((err) => {
  process.stderr.write(`Electronegativity could not run: ${err && err.stack ? err.stack : String(err)}\n`);
  process.exit(1);
});
