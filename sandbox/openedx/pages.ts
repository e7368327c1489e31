/**
 * The LMS pages a browser meets during the authorization-code flow: sign-in,
 * consent (`EdxOAuth2AuthorizationView`) and an error page.
 *
 * Why: a real browser (and Playwright) walks the flow on real pages with stable
 * accessible names ("Email", "Password", "Sign in", "Allow", "Cancel").
 */
import { escapeHtml as h } from '../http/response.js';

const CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#f2f0ef;color:#00262b}
header{background:#00262b;color:#fff;padding:.75rem 1.5rem;font-weight:600}main{max-width:30rem;margin:3rem auto;background:#fff;border-radius:6px;padding:2rem;box-shadow:0 1px 4px rgba(0,0,0,.15)}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}input{width:100%;padding:.5rem;border:1px solid #707070;border-radius:4px;font:inherit}
button{font:inherit;padding:.5rem 1.2rem;border-radius:4px;border:1px solid #0a3055;background:#0a3055;color:#fff;margin-top:1rem;cursor:pointer}
button.secondary{background:#fff;color:#0a3055}.actions{display:flex;gap:.75rem}.alert{background:#fdecea;padding:.5rem;border-radius:4px}`;

/** Wrap content in the page layout. */
export function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${h(title)} | Open edX (sandbox)</title><style>${CSS}</style></head>
<body><header>Open edX (sandbox)</header><main><h1>${h(title)}</h1>${body}</main></body></html>`;
}

/** The sign-in page; `next` is a same-site path to return to. */
export function loginPage(next: string, error: string | null): string {
  return page(
    'Sign in',
    `${error ? `<p class="alert" role="alert">${h(error)}</p>` : ''}<form method="post" action="/login">
<input type="hidden" name="next" value="${h(next)}">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form>`,
  );
}

/** The consent page: the authorization request's fields ride along as hidden inputs. */
export function consentPage(appName: string, scopes: string[], fields: Record<string, string>): string {
  const hidden = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${h(k)}" value="${h(v)}">`)
    .join('');
  return page(
    'Authorize access',
    `<p><strong>${h(appName)}</strong> would like to access your account with these permissions:</p>
<ul>${scopes.map((s) => `<li>${h(s)}</li>`).join('')}</ul>
<form method="post" action="/oauth2/authorize">${hidden}<div class="actions">
<button type="submit" name="allow" value="Authorize">Allow</button>
<button type="submit" class="secondary" name="cancel" value="Cancel">Cancel</button></div></form>`,
  );
}

/** DOT's error page for a request that must not be redirected (unknown client, mismatching redirect URI). */
export function errorPage(message: string): string {
  return page('Error', `<p class="alert" role="alert">${h(message)}</p>`);
}
