/**
 * What the core needs from the host it runs in.
 *
 * The Electron shell implements it with `shell`, `Notification` and the tray;
 * the web host with the system browser and in-page notifications. Keeping it
 * this small is what lets every service stay plain Node (design.md "A thin
 * Electron shell").
 */
import type { NotificationPayload, NotificationTarget } from '../preload/contract';

/** Power events of the machine (Electron's `powerMonitor`). */
export type PowerState = 'suspend' | 'resume';

/** The host-specific bits the core calls (see the file comment). */
export interface Platform {
  /** Which host this is. */
  readonly kind: 'electron' | 'web';
  /**
   * Open a URL in the system browser.
   *
   * @throws never; resolves `false` when nothing could be opened (the UI always
   *   shows the URL with a Copy button as well).
   */
  openExternal(url: string): Promise<boolean>;
  /**
   * Ask the user for a folder to save a download into.
   *
   * @returns the folder, or null when the user cancelled.
   */
  chooseFolder(): Promise<string | null>;
  /**
   * Show a notification (issue 6): native in Electron, whose click opens
   * `target`. When absent, the core sends it to the page as the
   * `notification:show` event (the web host's in-page notifications).
   */
  showNotification?(notification: NotificationPayload): void;
  /** Show how many events are unseen (tray tooltip and icon, macOS badge); absent where there is no tray. */
  setUnseenCount?(count: number): void;
  /**
   * Ask where to save a file, suggesting `defaultName`.
   *
   * @returns the path, or null when the user cancelled.
   */
  chooseSaveFile?(defaultName: string): Promise<string | null>;
  /** Subscribe to suspend/resume of the machine; returns the unsubscribe function. */
  onPowerChange?(listener: (state: PowerState) => void): () => void;
  /** Reveal a saved file in the system's file manager (Electron's `shell.showItemInFolder`); absent in the web host. */
  showInFolder?(file: string): void;
  /** Start the app when the user logs in (Electron only). */
  setStartAtLogin?(on: boolean): void;
}

/** Where a clicked notification leads (re-exported for the hosts). */
export type { NotificationTarget };
