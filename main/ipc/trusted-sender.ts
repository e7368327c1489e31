/**
 * Decide whether an IPC sender frame belongs to our own app window.
 *
 * Mirrors GitHub Desktop's `trusted-ipc-sender.ts`, but checks the frame's URL
 * as well: only the top frame of a window we created, showing our bundled
 * renderer (a `file:` URL inside the app, or the dev server origin), may call.
 */
export function isTrustedSenderUrl(frameUrl: string | undefined, appEntryUrl: string): boolean {
  if (!frameUrl) return false;
  let frame: URL;
  let app: URL;
  try {
    frame = new URL(frameUrl);
    app = new URL(appEntryUrl);
  } catch {
    return false;
  }
  // The host matters too: `file://server/C:/…` (a UNC share) is not our `file:///C:/…`.
  if (app.protocol === 'file:') return frame.protocol === 'file:' && frame.host === app.host && frame.pathname === app.pathname;
  return frame.origin === app.origin;
}
