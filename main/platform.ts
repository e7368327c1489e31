/**
 * What the core needs from the host it runs in.
 *
 * The Electron shell implements it with `shell`, `Notification` and the tray;
 * the web host with the system browser and in-page notifications. Keeping it
 * this small is what lets every service stay plain Node (design.md "A thin
 * Electron shell").
 */
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
}
