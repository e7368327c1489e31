/**
 * A course's roster for its instructors: search, sort, filter, add, edit,
 * drop, import and export (issue 7, autolab-api.md §4.14).
 */
import { useEffect, useMemo, useState } from 'react';
import { STUDENT_SENTENCE, type Role, type RosterEntry } from '../../../preload/contract';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ScreenHeading } from '../../components/ScreenHeading';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable';
import { DEFAULT_ROSTER_QUERY, displayName, distinct, queryRoster, ROLE_LABELS, type RosterColumn, type RosterQuery } from '../../domain/roster-query';
import { saveTextFile } from '../../domain/save-text-file';
import { toggled } from '../../domain/toggle-set';
import { errorSentence, requireApi } from '../../store/app-store';
import { useCourses } from '../../store/courses-store';
import { useRoster } from '../../store/roster-store';
import { CourseTabs, useInstructorAccess } from './CourseTabs';
import { EnrollmentDialog } from './EnrollmentDialog';
import { ImportWizard } from './ImportWizard';
import { RowMenu } from '../../components/RowMenu';
import { RosterBulkBar } from './RosterBulkBar';

type Modal = { kind: 'add' } | { kind: 'edit'; entry: RosterEntry } | { kind: 'drop'; entry: RosterEntry } | { kind: 'import' } | null;

/** The roster screen. */
export function RosterScreen({ accountId, course }: { accountId: string; course: string }) {
  const { entries, loading, error, load } = useRoster();
  const courseView = useCourses((s) => s.courses[accountId]?.result?.data.find((c) => c.name === course));
  const access = useInstructorAccess(accountId, course);
  const [query, setQuery] = useState<RosterQuery>(DEFAULT_ROSTER_QUERY);
  const [modal, setModal] = useState<Modal>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    if (!useCourses.getState().courses[accountId]?.result) void useCourses.getState().loadCourses(accountId);
  }, [accountId]);
  // Only an instructor's roster is asked for: Autolab refuses everyone else with a 403 (§4.0 step 4).
  useEffect(() => {
    if (access?.kind === 'allowed') void load(accountId, course);
  }, [accountId, course, load, access?.kind]);

  const rows = useMemo(() => queryRoster(entries, query), [entries, query]);
  const lectures = useMemo(() => distinct(entries, 'lecture'), [entries]);
  const sections = useMemo(() => distinct(entries, 'section'), [entries]);
  const selectedEntries = useMemo(() => entries.filter((e) => selected.has(e.email)), [entries, selected]);
  const allShownSelected = rows.length > 0 && rows.every((r) => selected.has(r.email));
  const toggle = (email: string) => setSelected((s) => toggled(s, email));
  const toggleAllShown = () => setSelected(allShownSelected ? new Set() : new Set(rows.map((r) => r.email)));
  const set = (patch: Partial<RosterQuery>) => setQuery((q) => ({ ...q, ...patch }));
  const sortBy = (column: string) =>
    setQuery((q) => ({ ...q, sort: column as RosterColumn, direction: q.sort === column && q.direction === 'ascending' ? 'descending' : 'ascending' }));

  const columns: Array<VirtualColumn<RosterEntry>> = [
    {
      id: 'select', label: 'Select', width: '84px',
      render: (e) => (
        <span className="select-cell">
          <input type="checkbox" aria-label={`Select ${e.email}`} checked={selected.has(e.email)} onChange={() => toggle(e.email)} />
        </span>
      ),
    },
    { id: 'email', label: 'Email', width: 'minmax(220px, 2fr)', sortable: true, render: (e) => <span className="cell-email" title={e.email}>{e.email}</span> },
    { id: 'name', label: 'Name', width: 'minmax(150px, 1.4fr)', sortable: true, render: (e) => displayName(e) || <span className="muted">—</span> },
    { id: 'lecture', label: 'Lecture', width: '110px', sortable: true, render: (e) => e.lecture },
    { id: 'section', label: 'Section', width: '110px', sortable: true, render: (e) => e.section },
    { id: 'role', label: 'Role', width: '150px', sortable: true, render: (e) => ROLE_LABELS[e.role] },
    { id: 'dropped', label: 'Status', width: '100px', sortable: true, render: (e) => (e.dropped ? <span className="status-dropped">Dropped</span> : 'Enrolled') },
    {
      id: 'actions', label: 'Actions', width: '120px',
      render: (e) => (
        <span className="row-actions">
          <button type="button" className="small-button" aria-label={`Edit ${e.email}`} onClick={() => setModal({ kind: 'edit', entry: e })}>Edit</button>
          <RowMenu
            label={`More actions for ${e.email}`}
            items={e.role === 'student' && !e.dropped ? [{ label: 'Drop…', danger: true, onSelect: () => setModal({ kind: 'drop', entry: e }) }] : []}
          />
        </span>
      ),
    },
  ];

  async function exportRoster() {
    setActionError(null);
    try {
      const file = await requireApi().rosterExport({ accountId, course });
      saveTextFile(file.filename, file.csv);
      setNotice(`Exported ${entries.length} enrollments to ${file.filename}.`);
    } catch (err) {
      setActionError(errorSentence(err));
    }
  }

  async function confirmDrop(entry: RosterEntry) {
    setModal(null);
    setActionError(null);
    try {
      await useRoster.getState().drop(accountId, course, entry.email);
      setNotice(`${entry.email} was dropped; they stay on the roster, marked dropped.`);
    } catch (err) {
      setActionError(errorSentence(err));
    }
  }

  const title = `Roster · ${courseView?.displayName ?? course}`;
  if (access && access.kind !== 'allowed') {
    return (
      <section aria-labelledby="roster-title">
        <ScreenHeading id="roster-title">{title}</ScreenHeading>
        {access.kind === 'explain' ? <CourseTabs accountId={accountId} course={course} current="roster" /> : <p className="banner banner-info" role="note">{STUDENT_SENTENCE}</p>}
      </section>
    );
  }
  return (
    <section aria-labelledby="roster-title">
      <ScreenHeading id="roster-title">{title}</ScreenHeading>
      <CourseTabs accountId={accountId} course={course} current="roster" />
      <ErrorBanner message={error} onRetry={() => void load(accountId, course)} />
      <ErrorBanner message={actionError} />
      {notice && <p role="status" className="banner banner-ok">{notice}</p>}
      <div className="toolbar" role="search" aria-label="Filter the roster">
        <div className="field">
          <label htmlFor="roster-search">Search</label>
          <input id="roster-search" type="search" placeholder="Email, name or nickname" value={query.search} onChange={(e) => set({ search: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="roster-role">Role</label>
          <select id="roster-role" value={query.role} onChange={(e) => set({ role: e.target.value as Role | 'all' })}>
            <option value="all">All roles</option>
            {(Object.keys(ROLE_LABELS) as Role[]).map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="roster-lecture">Lecture</label>
          <select id="roster-lecture" value={query.lecture} onChange={(e) => set({ lecture: e.target.value })}>
            <option value="all">All</option>
            {lectures.map((l) => <option key={l} value={l}>{l || '(none)'}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="roster-section">Section</label>
          <select id="roster-section" value={query.section} onChange={(e) => set({ section: e.target.value })}>
            <option value="all">All</option>
            {sections.map((s) => <option key={s} value={s}>{s || '(none)'}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="roster-dropped">Status</label>
          <select id="roster-dropped" value={query.dropped} onChange={(e) => set({ dropped: e.target.value as RosterQuery['dropped'] })}>
            <option value="all">Everyone</option>
            <option value="enrolled">Enrolled</option>
            <option value="dropped">Dropped</option>
          </select>
        </div>
        <span className="toolbar-spacer" />
        <button type="button" onClick={() => setModal({ kind: 'import' })}>Import CSV…</button>
        <button type="button" onClick={() => void exportRoster()} disabled={!entries.length}>Export CSV</button>
        <button type="button" className="primary" onClick={() => setModal({ kind: 'add' })}>Add person</button>
      </div>
      <RosterBulkBar
        accountId={accountId}
        course={course}
        selected={selectedEntries}
        onClear={() => setSelected(new Set())}
        onDone={(summary) => {
          setNotice(summary);
          void load(accountId, course);
        }}
      />
      <div className="count-row">
        <label className="check-field">
          <input type="checkbox" checked={allShownSelected} onChange={toggleAllShown} disabled={!rows.length} />
          Select all shown
        </label>
        <p className="count-line muted" aria-live="polite">
          {loading && !entries.length ? 'Loading the roster…' : `Showing ${rows.length} of ${entries.length} enrollments`}
        </p>
      </div>
      <VirtualTable
        label="Roster"
        testId="roster-table"
        rows={rows}
        columns={columns}
        rowKey={(e) => e.email}
        sort={{ column: query.sort, direction: query.direction }}
        onSort={sortBy}
        rowClass={(e) => (e.dropped ? 'is-dropped' : '')}
        empty={loading ? 'Loading…' : 'Nobody matches these filters.'}
      />
      {(modal?.kind === 'add' || modal?.kind === 'edit') && (
        <EnrollmentDialog
          accountId={accountId}
          course={course}
          editing={modal.kind === 'edit' ? modal.entry : null}
          onClose={(saved) => {
            setModal(null);
            if (saved) setNotice(modal.kind === 'add' ? `${saved.email} was added to the course.` : `Saved the changes to ${saved.email}.`);
          }}
        />
      )}
      {modal?.kind === 'drop' && (
        <ConfirmDialog
          open
          title={`Drop ${modal.entry.email}?`}
          reasons={['Autolab keeps dropped people on the roster, marked dropped; they can no longer submit.', 'You can undo this by editing the enrollment.']}
          confirmLabel="Drop"
          onConfirm={() => void confirmDrop(modal.entry)}
          onCancel={() => setModal(null)}
        />
      )}
      {modal?.kind === 'import' && (
        <ImportWizard accountId={accountId} course={course} onClose={(changed) => { setModal(null); if (changed) void load(accountId, course); }} />
      )}
    </section>
  );
}
