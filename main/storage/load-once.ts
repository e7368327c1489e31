/**
 * Load something at its first use instead of at start-up.
 *
 * Why: the Open edX sites and the LaMetric settings are read (file and keychain) only when
 * something needs them, so a user who configured neither pays nothing at start-up (issue 15's
 * start-up budget); every caller of the feature awaits the same single load.
 */

/**
 * Wrap `load` so that it runs once, at the first call; every call gets that load's promise. A
 * failed load is forgotten, so the next use tries again.
 */
export function loadOnce(load: () => Promise<void>): () => Promise<void> {
  let loading: Promise<void> | null = null;
  return () =>
    (loading ??= load().catch((err: unknown) => {
      loading = null;
      throw err;
    }));
}
