/**
 * The small HTML page the loopback server shows in the user's browser.
 *
 * It never echoes anything from the request (no code, no state, no error text
 * from the query string): the wording is fixed per outcome, so nothing an
 * attacker puts in a URL can be reflected into the page (RFC 8252 §8.x, RFC
 * 9700 §4.2.4 on leaking the authorization response). The style sheet is
 * allowed by its hash in a strict Content-Security-Policy; no script runs.
 */
import { createHash } from 'node:crypto';

/** Which page to show. */
export type ResultPageKind = 'success' | 'denied' | 'error' | 'bad-request' | 'not-found' | 'method-not-allowed';

const STYLE = [
  'body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;',
  'font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;color:#1d2430}',
  'main{background:#fff;border-radius:12px;box-shadow:0 2px 16px rgba(0,0,0,.08);padding:32px 40px;max-width:440px;text-align:center}',
  'h1{font-size:20px;margin:0 0 8px}p{margin:0;color:#4a5464}',
  '.ok h1{color:#1a7f37}.no h1{color:#9a6700}.err h1{color:#cf222e}',
  '@media (prefers-color-scheme:dark){body{background:#16191d;color:#e6e8eb}main{background:#22262b}p{color:#aab1ba}}',
].join('');

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** The Content-Security-Policy sent with every page: nothing but our own inline style. */
export const RESULT_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGES: Record<ResultPageKind, { css: string; title: string; text: string }> = {
  success: {
    css: 'ok',
    title: 'You are signed in',
    text: 'You can close this tab and return to Autolab Desktop.',
  },
  denied: {
    css: 'no',
    title: 'Sign-in was not allowed',
    text: 'Access was denied in the browser. You can close this tab and return to Autolab Desktop to try again.',
  },
  error: {
    css: 'err',
    title: 'Sign-in did not complete',
    text: 'The server answered with an error. You can close this tab and return to Autolab Desktop to try again.',
  },
  'bad-request': {
    css: 'err',
    title: 'This sign-in link is not valid',
    text: 'It does not belong to the sign-in Autolab Desktop is waiting for. You can close this tab.',
  },
  'not-found': { css: 'err', title: 'Not found', text: 'There is nothing here.' },
  'method-not-allowed': { css: 'err', title: 'Not allowed', text: 'There is nothing here.' },
};

/**
 * Render the page for an outcome.
 *
 * @throws never.
 */
export function renderResultPage(kind: ResultPageKind): string {
  const page = PAGES[kind];
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    '<meta name="referrer" content="no-referrer">' +
    `<title>Autolab Desktop: ${page.title}</title><style>${STYLE}</style></head>` +
    `<body><main class="${page.css}"><h1>${page.title}</h1><p>${page.text}</p></main></body></html>`
  );
}
