/**
 * An assessment's scores for its instructors: every student's versions and
 * problem scores, CSV export, and editing the latest submission (issue 7,
 * autolab-api.md §4.12).
 */
import { useEffect, useMemo, useState } from 'react';
import { STUDENT_SENTENCE, type ScoreRow, type ScoreTable } from '../../../preload/contract';

type ScoreValue = ScoreRow['versions'][number]['scores'][string];
import { ErrorBanner } from '../../components/ErrorBanner';
import { ScreenHeading } from '../../components/ScreenHeading';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable';
import { displayName } from '../../domain/roster-query';
import { saveTextFile } from '../../domain/save-text-file';
import { formatLocal } from '../../domain/time-format';
import { errorSentence, requireApi } from '../../store/app-store';
import { courseKey, useCourses } from '../../store/courses-store';
import { useNavigation } from '../../store/navigation-store';
import { CourseTabs, useInstructorAccess } from './CourseTabs';
import { EditScoresDialog } from './EditScoresDialog';

/** A table line: a student and one version (the latest unless every version is shown). */
interface Line { row: ScoreRow; version: ScoreRow['versions'][number] | undefined; latest: boolean }

const show = (v: ScoreValue | undefined) => (v === undefined || v === null ? '—' : v === 'unreleased' ? 'unreleased' : String(v));
/** Which students the table shows. */
type Who = 'everyone' | 'submitted' | 'not-submitted';

/** A grid track wide enough for the longest value (in `ch`, capped), growing when there is room. */
const fitTrack = (values: readonly string[], min: number, max: number, fr: number) =>
  `minmax(${Math.min(max, Math.max(min, ...values.map((v) => v.length + 2)))}ch, ${fr}fr)`;

const total = (l: Line) => {
  const nums = Object.values(l.version?.scores ?? {}).filter((v): v is number => typeof v === 'number');
  return nums.length ? Math.round(nums.reduce((a, b) => a + b, 0) * 1000) / 1000 : null;
};

/** The scores screen. */
export function ScoresScreen({ accountId, course, assessment }: { accountId: string; course: string; assessment?: string | undefined }) {
  const go = useNavigation((s) => s.go);
  const access = useInstructorAccess(accountId, course);
  const assessments = useCourses((s) => s.assessments[courseKey(accountId, course)]?.result?.data);
  const courseView = useCourses((s) => s.courses[accountId]?.result?.data.find((c) => c.name === course));
  const [table, setTable] = useState<ScoreTable | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [everyVersion, setEveryVersion] = useState(false);
  const [sort, setSort] = useState<{ column: string; direction: 'ascending' | 'descending' }>({ column: 'email', direction: 'ascending' });
  const [editing, setEditing] = useState<ScoreRow | null>(null);
  const [who, setWho] = useState<Who>('everyone');
  const [saved, setSaved] = useState<string | null>(null);
  // The picker lists assessments by due date; it opens on the one most recently due.
  const byDue = useMemo(() => [...(assessments ?? [])].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.displayName.localeCompare(b.displayName)), [assessments]);
  const lastDue = [...byDue].reverse().find((a) => Date.parse(a.dueAt) <= Date.now()) ?? byDue[0];
  const selected = assessment ?? lastDue?.name;

  useEffect(() => {
    const s = useCourses.getState();
    if (!s.assessments[courseKey(accountId, course)]?.result) void s.loadAssessments(accountId, course);
    if (!s.courses[accountId]?.result) void s.loadCourses(accountId);
  }, [accountId, course]);

  const load = async (name: string) => {
    setError(null);
    setSaved(null);
    setTable(null);
    try {
      setTable(await requireApi().scoresList({ accountId, course, assessment: name }));
    } catch (err) {
      setError(errorSentence(err));
    }
  };
  useEffect(() => {
    if (selected && access?.kind === 'allowed') void load(selected);
  }, [selected, access?.kind]);

  const lines = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const out: Line[] = [];
    for (const row of table?.rows ?? []) {
      if (needle && !`${row.email} ${row.firstName} ${row.lastName}`.toLowerCase().includes(needle)) continue;
      if (who === 'submitted' && row.versions.length === 0) continue;
      if (who === 'not-submitted' && row.versions.length > 0) continue;
      if (!everyVersion || row.versions.length === 0) out.push({ row, version: row.versions[0], latest: true });
      else row.versions.forEach((v, i) => out.push({ row, version: v, latest: i === 0 }));
    }
    const key = (l: Line): string | number => {
      if (sort.column === 'total') return total(l) ?? -Infinity;
      if (sort.column.startsWith('p:')) {
        const v = l.version?.scores[sort.column.slice(2)];
        return typeof v === 'number' ? v : -Infinity;
      }
      return sort.column === 'name' ? displayName(l.row) : sort.column === 'section' ? l.row.section : l.row.email;
    };
    const sign = sort.direction === 'ascending' ? 1 : -1;
    return out.sort((a, b) => {
      const x = key(a), y = key(b);
      return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true })) || (b.version?.version ?? 0) - (a.version?.version ?? 0);
    });
  }, [table, search, everyVersion, sort, who]);

  const columns: Array<VirtualColumn<Line>> = [
    { id: 'email', label: 'Email', width: fitTrack((table?.rows ?? []).map((r) => r.email), 18, 34, 2), sortable: true, render: (l) => <span title={l.row.email}>{l.row.email}</span> },
    { id: 'name', label: 'Name', width: fitTrack((table?.rows ?? []).map((r) => displayName(r)), 12, 32, 1.4), sortable: true, render: (l) => displayName(l.row) || '—' },
    { id: 'section', label: 'Section', width: '110px', sortable: true, render: (l) => l.row.section },
    { id: 'version', label: 'Version', width: '90px', numeric: true, render: (l) => (l.version ? `${l.version.version}${everyVersion && l.latest ? ' ★' : ''}` : <span className="muted">none</span>) },
    ...(table?.problems ?? []).map((p): VirtualColumn<Line> => ({
      id: `p:${p.name}`, label: `${p.name} (/${p.maxScore})`, width: 'minmax(130px, 1fr)', numeric: true, sortable: true, render: (l) => show(l.version?.scores[p.name]),
    })),
    { id: 'total', label: `Total (/${Math.round((table?.problems ?? []).reduce((a, p) => a + p.maxScore, 0) * 1000) / 1000})`, width: '130px', numeric: true, sortable: true, render: (l) => total(l) ?? '—' },
    {
      id: 'actions', label: 'Actions', width: '110px',
      render: (l) => (l.latest && l.version ? <button type="button" className="small-button" aria-label={`Edit scores of ${l.row.email}`} onClick={() => setEditing(l.row)}>Edit</button> : null),
    },
  ];

  async function exportCsv() {
    if (!selected) return;
    try {
      const file = await requireApi().scoresExport({ accountId, course, assessment: selected });
      saveTextFile(file.filename, file.csv);
    } catch (err) {
      setError(errorSentence(err));
    }
  }

  const title = `Scores · ${courseView?.displayName ?? course}`;
  if (access && access.kind !== 'allowed') {
    return (
      <section aria-labelledby="scores-title">
        <ScreenHeading id="scores-title">{title}</ScreenHeading>
        {access.kind === 'explain' ? <CourseTabs accountId={accountId} course={course} current="scores" /> : <p className="banner banner-info" role="note">{STUDENT_SENTENCE}</p>}
      </section>
    );
  }
  return (
    <section aria-labelledby="scores-title">
      <ScreenHeading id="scores-title">{title}</ScreenHeading>
      <CourseTabs accountId={accountId} course={course} current="scores" />
      <div className="toolbar">
        <div className="field">
          <label htmlFor="scores-assessment">Assessment</label>
          <select id="scores-assessment" value={selected ?? ''} onChange={(e) => go({ name: 'scores', accountId, course, assessment: e.target.value })}>
            {byDue.map((a) => <option key={a.name} value={a.name}>{a.displayName} — due {formatLocal(a.dueAt)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="scores-search">Search</label>
          <input id="scores-search" type="search" placeholder="Email or name" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="scores-who">Show</label>
          <select id="scores-who" value={who} onChange={(e) => setWho(e.target.value as Who)}>
            <option value="everyone">Everyone</option>
            <option value="submitted">Submitted</option>
            <option value="not-submitted">Not submitted</option>
          </select>
        </div>
        <label className="check-field">
          <input type="checkbox" checked={everyVersion} onChange={(e) => setEveryVersion(e.target.checked)} />
          Show every version
        </label>
        <span className="toolbar-spacer" />
        <button type="button" onClick={() => void exportCsv()} disabled={!table}>Export CSV</button>
      </div>
      <ErrorBanner message={error} onRetry={selected ? () => void load(selected) : undefined} />
      {saved && <p role="status" className="banner banner-ok">{saved}</p>}
      <p className="count-line muted" aria-live="polite">
        {table ? `${table.rows.filter((r) => r.versions.length).length} of ${table.rows.length} people have submitted · released and unreleased scores are shown alike` : error ? '' : 'Loading scores…'}
      </p>
      <VirtualTable
        label="Scores"
        testId="scores-table"
        rows={lines}
        columns={columns}
        rowKey={(l) => `${l.row.email}/${l.version?.version ?? 0}`}
        sort={sort}
        onSort={(c) => setSort((s) => ({ column: c, direction: s.column === c && s.direction === 'ascending' ? 'descending' : 'ascending' }))}
        rowClass={(l) => (l.row.dropped ? 'is-dropped' : '')}
        empty={table ? 'Nobody matches.' : 'Loading…'}
      />
      {editing && table && selected && (
        <EditScoresDialog
          accountId={accountId}
          course={course}
          assessment={selected}
          row={editing}
          problems={table.problems}
          onClose={(updated) => {
            setEditing(null);
            if (!updated) return;
            setTable((t) => (t ? { ...t, rows: t.rows.map((r) => (r.email === updated.email ? updated : r)) } : t));
            setSaved(`Saved the scores of ${updated.email} (version ${updated.versions[0]?.version ?? '—'}).`);
          }}
        />
      )}
    </section>
  );
}
