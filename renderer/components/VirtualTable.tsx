/**
 * A table that renders only its visible rows, for rosters and score lists of
 * thousands of people (issue 7).
 *
 * ARIA table semantics on a CSS grid: `aria-rowcount`/`aria-rowindex` tell
 * assistive technology the real size, sortable headers are buttons with
 * `aria-sort`, and the header stays in view while the body scrolls.
 */
import { useRef, type ReactNode } from 'react';
import { useRowWindow } from '../hooks/use-row-window';

/** One column. */
export interface VirtualColumn<T> {
  id: string;
  label: string;
  /** A CSS grid track, e.g. `2fr` or `120px`. */
  width: string;
  render(row: T): ReactNode;
  sortable?: boolean;
  /** Right-aligned numbers. */
  numeric?: boolean;
}

/** Props of {@link VirtualTable}. */
export interface VirtualTableProps<T> {
  label: string;
  rows: readonly T[];
  columns: ReadonlyArray<VirtualColumn<T>>;
  rowKey(row: T): string;
  sort?: { column: string; direction: 'ascending' | 'descending' };
  onSort?(column: string): void;
  rowHeight?: number;
  /** Extra class per row (e.g. dropped people). */
  rowClass?(row: T): string;
  empty?: ReactNode;
  testId?: string;
}

/** A windowed, sortable table. */
export function VirtualTable<T>({ label, rows, columns, rowKey, sort, onSort, rowHeight = 44, rowClass, empty, testId }: VirtualTableProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const win = useRowWindow(scroller, rows.length, rowHeight);
  const template = columns.map((c) => c.width).join(' ');
  return (
    <div className="vtable-scroll" ref={scroller} data-testid={testId} tabIndex={0} aria-label={`${label} (scrollable)`} role="region">
      <div role="table" aria-label={label} aria-rowcount={rows.length + 1} className="vtable">
        <div role="rowgroup" className="vtable-head">
          <div role="row" aria-rowindex={1} className="vrow vrow-head" style={{ gridTemplateColumns: template }}>
            {columns.map((c) => {
              const sorted = sort?.column === c.id ? sort.direction : undefined;
              return (
                <div key={c.id} role="columnheader" aria-sort={c.sortable ? (sorted ?? 'none') : undefined} className={c.numeric ? 'num' : undefined}>
                  {c.sortable && onSort ? (
                    <button type="button" className="sort-button" onClick={() => onSort(c.id)}>
                      {c.label}
                      <span aria-hidden="true" className="sort-mark">{sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}</span>
                    </button>
                  ) : (
                    c.label
                  )}
                </div>
              );
            })}
          </div>
        </div>
        {rows.length === 0 && (
          // An empty rowgroup is invalid ARIA (issue 15): the message sits outside it, as a row of one cell.
          <div role="row" aria-rowindex={2} className="vtable-empty muted">
            <div role="cell">{empty ?? 'Nothing to show.'}</div>
          </div>
        )}
        <div role="rowgroup" className="vtable-body" hidden={rows.length === 0} style={{ height: Math.max(win.totalHeight, rows.length ? 0 : rowHeight) }}>
          {rows.slice(win.start, win.end).map((row, i) => {
            const index = win.start + i;
            return (
              <div
                key={rowKey(row)}
                role="row"
                aria-rowindex={index + 2}
                className={`vrow ${rowClass?.(row) ?? ''}`}
                style={{ gridTemplateColumns: template, height: rowHeight, transform: `translateY(${index * rowHeight}px)` }}
              >
                {columns.map((c) => (
                  <div key={c.id} role="cell" className={c.numeric ? 'num' : undefined}>
                    {c.render(row)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
