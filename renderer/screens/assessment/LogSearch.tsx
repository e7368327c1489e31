/**
 * The autograder's raw log, in monospace, with search: matches highlighted,
 * a count, and next/previous (Enter / Shift+Enter in the box).
 *
 * Only the lines on screen are rendered (useRowWindow, like the roster's
 * VirtualTable): a 5 MB, 60,000-line log is split into lines once, and a
 * keystroke costs one search of the text plus the ~40 visible lines, never a
 * rebuild of the whole log. Lines do not wrap (they scroll sideways), so every
 * line has the same height and any match's position is known without
 * measuring: every match, however many, is reachable with Next/Previous.
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { findMatches, indexLines, lineOf, lineParts, prepareSearch } from '../../domain/log-index';
import { useRowWindow } from '../../hooks/use-row-window';

/** Height of one log line in px (matches `.log-line` in styles.css). */
const LINE_HEIGHT = 20;

/** The searchable log viewer. */
export function LogSearch({ log }: { log: string }) {
  const [query, setQuery] = useState('');
  // Typing stays responsive on a huge log: the search follows the box at React's lower priority.
  const searched = useDeferredValue(query);
  const [current, setCurrent] = useState(0);
  const lines = useMemo(() => indexLines(log), [log]);
  const matches = useMemo(() => findMatches(lines, searched), [lines, searched]);
  const scroller = useRef<HTMLDivElement>(null);
  const count = log ? lines.starts.length : 0;
  const win = useRowWindow(scroller, count, LINE_HEIGHT, 12);

  // Lower-case the log for search once the browser is idle, not on the first keystroke.
  useEffect(() => {
    const id = requestIdleCallback(() => prepareSearch(lines), { timeout: 2000 });
    return () => cancelIdleCallback(id);
  }, [lines]);
  useEffect(() => setCurrent(0), [searched]);
  const currentLine = matches.length ? lineOf(lines, matches[Math.min(current, matches.length - 1)]!) : -1;
  useEffect(() => {
    const el = scroller.current;
    if (!el || currentLine < 0) return;
    const top = currentLine * LINE_HEIGHT;
    if (top < el.scrollTop || top + LINE_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top - el.clientHeight / 2;
  }, [currentLine, current]);
  useEffect(() => {
    // Once the current match's line is rendered, bring the match itself into view sideways.
    scroller.current?.querySelector('mark.current')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [current, matches, win.start]);

  const step = (delta: number) => {
    if (matches.length) setCurrent((c) => (c + delta + matches.length) % matches.length);
  };

  const rows = [];
  for (let i = win.start; i < win.end; i++) {
    rows.push(
      <div key={i} className="log-line" style={{ transform: `translateY(${i * LINE_HEIGHT}px)` }}>
        {lineParts(lines, i, matches, searched.length).map((part, k) =>
          part.match === undefined ? (
            part.text
          ) : (
            <mark key={k} className={part.match === current ? 'current' : undefined}>
              {part.text}
            </mark>
          ),
        )}
      </div>,
    );
  }

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
          {searched ? (matches.length ? `${current + 1} of ${matches.length} matches` : 'No matches') : ''}
        </span>
        <button type="button" aria-label="Previous match" disabled={!matches.length} onClick={() => step(-1)}>
          ↑
        </button>
        <button type="button" aria-label="Next match" disabled={!matches.length} onClick={() => step(1)}>
          ↓
        </button>
      </div>
      <div ref={scroller} className="log" tabIndex={0} role="region" aria-label={`Autograder output, ${count} lines`} data-testid="log-view">
        {log ? (
          <div className="log-lines" style={{ height: count * LINE_HEIGHT, minWidth: `${lines.widest + 2}ch` }}>
            {rows}
          </div>
        ) : (
          <span className="muted">The autograder has not written any output yet.</span>
        )}
      </div>
    </div>
  );
}
