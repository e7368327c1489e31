/**
 * File sizes for people: "512 B", "1.4 KB", "256 MB" (powers of 1024, one decimal below 10).
 */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Format a byte count. */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 || value >= 10 ? Math.round(value).toString() : value.toFixed(1);
  return `${shown} ${UNITS[unit]}`;
}
