/**
 * The Autolab sandbox's in-process entry, `startSandbox(options)`, where the app ("Try the
 * demo") and the tests have always imported it. The server itself lives in `autolab/`, beside
 * `openedx/` and `lametric/`, over the shared plumbing in `http/`.
 */
export * from './autolab/index.js';
