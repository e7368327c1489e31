/**
 * One user sentence for a failure, with an optional "Try again".
 */

/** Props of {@link ErrorBanner}. */
export interface ErrorBannerProps {
  message: string | null;
  onRetry?(): void;
}

/** A `role="alert"` banner; nothing when there is no message. */
export function ErrorBanner({ message, onRetry }: ErrorBannerProps) {
  if (!message) return null;
  return (
    <div role="alert" className="banner banner-error">
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="banner-action" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
