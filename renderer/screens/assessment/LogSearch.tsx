/**
 * The autograder's raw log, in monospace, with search: matches highlighted,
 * a count, and next/previous (Enter / Shift+Enter in the box).
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

/** How many matches are highlighted at most (the count stays exact). */
const MAX_MARKS = 2000;

function findMatches(log: string, query: string): number[] {
  if (!query) return [];
  const hay = log.toLowerCase();
  const needle = query.toLowerCase();
  const found: number[] = [];
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + needle.length)) found.push(i);
  return found;
}

/** The searchable log viewer. */
export function LogSearch({ log }: { log: string }) {
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const matches = useMemo(() => findMatches(log, query), [log, query]);
  const pre = useRef<HTMLPreElement>(null);

  useEffect(() => setCurrent(0), [query]);
  useEffect(() => {
    pre.current?.querySelector('mark.current')?.scrollIntoView({ block: 'center' });
  }, [current, matches]);

  const step = (delta: number) => {
    if (matches.length) setCurrent((c) => (c + delta + matches.length) % matches.length);
  };

  const parts: ReactNode[] = [];
  let at = 0;
  matches.slice(0, MAX_MARKS).forEach((start, i) => {
    parts.push(log.slice(at, start));
    parts.push(
      <mark key={start} className={i === current ? 'current' : undefined}>
        {log.slice(start, start + query.length)}
      </mark>,
    );
    at = start + query.length;
  });
  parts.push(log.slice(at));

  return (
    <div className="log-search">
      <div className="log-toolbar" role="search">
        <input
          type="search"
          aria-label="Search the log"
          placeholder="Search the log"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              step(e.shiftKey ? -1 : 1);
            }
          }}
        />
        <span className="muted small match-count" aria-live="polite">
          {query ? (matches.length ? `${current + 1} of ${matches.length} matches` : 'No matches') : ''}
        </span>
        <button type="button" aria-label="Previous match" disabled={!matches.length} onClick={() => step(-1)}>
          ↑
        </button>
        <button type="button" aria-label="Next match" disabled={!matches.length} onClick={() => step(1)}>
          ↓
        </button>
      </div>
      <pre ref={pre} className="log" tabIndex={0} aria-label="Autograder output">
        {log ? parts : <span className="muted">The autograder has not written any output yet.</span>}
      </pre>
    </div>
  );
}
