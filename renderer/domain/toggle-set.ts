/**
 * A copy of a set with one key added or removed (for selections kept in React state).
 */

/** `set` with `key` removed when present, otherwise added; never mutates `set`. */
export function toggled<T>(set: ReadonlySet<T>, key: T): Set<T> {
  const next = new Set(set);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
}
