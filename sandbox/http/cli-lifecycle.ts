/**
 * What every sandbox CLI does around its server: parse the options (a bad option → its sentence
 * on stderr, exit 2), start, print the info JSON as the first stdout line, then a few lines for
 * people, and close cleanly on Ctrl+C or SIGTERM; a start-up failure prints its stack, exit 1.
 *
 * Why: the Autolab, Open edX and LaMetric sandbox CLIs share this exactly; scripts read the
 * first stdout line (README "Run").
 */

/** Close `server` on SIGINT/SIGTERM (once), then exit 0. */
function closeOnSignal(server: { close(): Promise<void> }): void {
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Run a CLI's `main`; a failure prints its stack and exits 1. */
function runCli(main: () => Promise<void>): void {
  void main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}

/** One sandbox's CLI: how it reads its options, starts, and greets a person. */
export interface SandboxCli<O, S extends { info: object; close(): Promise<void> }> {
  /** Read `argv` (without node and the script); throws a one-line sentence for a bad option. */
  parse(argv: string[]): O;
  start(options: O): Promise<S>;
  /** Lines printed after the JSON line (addresses, demo users, how to stop). */
  greeting(sandbox: S, options: O): string[];
}

/** Run a sandbox CLI (see the file comment). */
export function runSandboxCli<O, S extends { info: object; close(): Promise<void> }>(cli: SandboxCli<O, S>): void {
  runCli(async () => {
    let options: O;
    try {
      options = cli.parse(process.argv.slice(2));
    } catch (e) {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(2);
    }
    const sandbox = await cli.start(options);
    process.stdout.write(`${JSON.stringify(sandbox.info)}\n`);
    for (const line of cli.greeting(sandbox, options)) process.stdout.write(`${line}\n`);
    closeOnSignal(sandbox);
  });
}

/** Print `usage` and exit 0 (for `--help`). */
export function printUsage(usage: string): never {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
