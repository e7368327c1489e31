/**
 * What every sandbox CLI does around its server: close cleanly on Ctrl+C or SIGTERM, and
 * report a start-up failure as one line on stderr.
 *
 * Why: the Autolab and LaMetric sandbox CLIs (and any later one) share this exactly.
 */

/** Close `server` on SIGINT/SIGTERM (once), then exit 0. */
export function closeOnSignal(server: { close(): Promise<void> }): void {
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
export function runCli(main: () => Promise<void>): void {
  void main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
