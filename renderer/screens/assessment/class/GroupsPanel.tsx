/**
 * An assessment's groups for its instructors (issue 12, autolab-api.md §4.13):
 * the groups with their members, the group size and whether students may
 * form groups, creating groups from a CSV (`group,email`) or by picking
 * students, and deleting a group.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { AssessmentRef, GroupsView } from '../../../../preload/contract';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { toggled } from '../../../domain/toggle-set';
import { errorSentence, requireApi } from '../../../store/app-store';

/** The groups card. */
export function GroupsPanel({ refOf }: { refOf: AssessmentRef }) {
  const [view, setView] = useState<GroupsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [size, setSize] = useState('');
  const [allow, setAllow] = useState(false);
  const [name, setName] = useState('');
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [filter, setFilter] = useState('');
  const [deleting, setDeleting] = useState<GroupsView['groups'][number] | null>(null);

  const show = (v: GroupsView) => {
    setView(v);
    setSize(String(v.groupSize));
    setAllow(v.allowStudentAssign ?? false);
  };
  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      await fn();
    } catch (err) {
      setError(errorSentence(err));
    } finally {
      setBusy(false);
    }
  };
  const load = useCallback(() => act(async () => show(await requireApi().groupsList(refOf))), [refOf]);
  useEffect(() => void load(), [load]);

  const saveSettings = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(size);
    if (!Number.isInteger(n) || n < 1) return setError('Enter a group size of 1 or more (1 means no groups).');
    void act(async () => {
      show(await requireApi().groupsSettings({ ...refOf, groupSize: n, allowStudentAssign: allow }));
      setNote('Saved the group settings.');
    });
  };
  const created = (v: GroupsView & { leftOut: string[] }) => {
    show(v);
    setNote(v.leftOut.length ? `Created. Autolab left out ${v.leftOut.join(', ')} (not enrolled, or already in a group).` : 'Created the groups.');
  };
  const createPicked = (e: FormEvent) => {
    e.preventDefault();
    const emails = [...picked];
    if (!emails.length) return setError('Pick at least one student for the group.');
    void act(async () => {
      created(await requireApi().groupsCreate({ ...refOf, groups: [{ name: name.trim(), members: emails }] }));
      setName('');
      setPicked(new Set());
    });
  };
  const togglePick = (email: string) => setPicked((p) => toggled(p, email));
  const needle = filter.trim().toLowerCase();
  const candidates = (view?.ungrouped ?? []).filter((u) => !needle || `${u.email} ${u.name}`.toLowerCase().includes(needle));
  const createFromCsv = (file: File | undefined) => {
    if (!file) return;
    void act(async () => created(await requireApi().groupsCreate({ ...refOf, csv: await file.text() })));
  };

  return (
    <section className="card" aria-labelledby="groups-title">
      <h2 id="groups-title">Groups</h2>
      <ErrorBanner message={error} />
      {note && <p role="status" className="banner banner-ok">{note}</p>}
      {view && (
        <>
          <form className="toolbar" onSubmit={saveSettings} aria-label="Group settings">
            <div className="field">
              <label htmlFor="group-size">Group size</label>
              <input id="group-size" type="number" min={1} max={100} value={size} onChange={(e) => setSize(e.target.value)} />
            </div>
            <div className="field field-check">
              <input id="group-allow" type="checkbox" checked={allow} onChange={(e) => setAllow(e.target.checked)} />
              <label htmlFor="group-allow">Students may form their own groups</label>
            </div>
            <button type="submit" disabled={busy}>Save settings</button>
          </form>
          {view.groups.length === 0 ? (
            <p className="muted">No groups yet.</p>
          ) : (
            <ul className="group-list" aria-label="Groups of this assessment">
              {view.groups.map((g) => (
                <li key={g.id} className="group-row">
                  <div>
                    <strong>{g.name}</strong>
                    <div className="small">{g.members.map((m) => (m.name ? `${m.name} <${m.email}>` : m.email)).join(', ') || 'No members'}</div>
                  </div>
                  <button type="button" className="ghost danger" aria-label={`Delete group ${g.name}`} disabled={busy} onClick={() => setDeleting(g)}>
                    Delete
                  </button>
                </li>
              ))}
            </ul>
          )}
          {view.groupSize > 1 && (
            <>
              <form onSubmit={createPicked} aria-label="Create a group">
                <h3>Create a group</h3>
                <div className="field">
                  <label htmlFor="group-name">Name</label>
                  <input id="group-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Unnamed Group" />
                </div>
                <fieldset className="fieldset">
                  <legend>Members ({picked.size} of at most {view.groupSize})</legend>
                  <div className="field">
                    <label htmlFor="group-filter">Find a student without a group</label>
                    <input id="group-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Email or name" />
                  </div>
                  {view.ungrouped.length === 0 ? (
                    <p className="muted small">Every enrolled student is already in a group.</p>
                  ) : (
                    <ul className="pick-list" aria-label="Students without a group">
                      {candidates.slice(0, 200).map((u) => (
                        <li key={u.email}>
                          <label className="check-field">
                            <input
                              type="checkbox"
                              checked={picked.has(u.email)}
                              disabled={!picked.has(u.email) && picked.size >= view.groupSize}
                              onChange={() => togglePick(u.email)}
                            />
                            {u.name ? `${u.name} ` : ''}<span className="mono small">{u.email}</span>
                          </label>
                        </li>
                      ))}
                      {candidates.length > 200 && <li className="muted small">{candidates.length - 200} more; type to narrow the list.</li>}
                    </ul>
                  )}
                </fieldset>
                <div className="actions">
                  <button type="submit" disabled={busy}>Create group</button>
                  <label className="button">
                    Create from a CSV file…
                    <input type="file" accept=".csv,text/csv" className="sr-only" aria-describedby="groups-csv-hint" onChange={(e) => { createFromCsv(e.target.files?.[0]); e.target.value = ''; }} />
                  </label>
                </div>
                <p id="groups-csv-hint" className="muted small">A CSV with the columns <code>group</code> and <code>email</code>, one row per member.</p>
              </form>
            </>
          )}
        </>
      )}
      <ConfirmDialog
        open={!!deleting}
        title={`Delete ${deleting?.name ?? 'this group'}?`}
        reasons={['Its members are no longer in a group for this assessment; their submissions stay.']}
        confirmLabel="Delete group"
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const g = deleting;
          setDeleting(null);
          if (g) void act(async () => { show(await requireApi().groupsDelete({ ...refOf, id: g.id })); setNote(`Deleted ${g.name}.`); });
        }}
      />
    </section>
  );
}
