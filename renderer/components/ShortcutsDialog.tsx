/**
 * The list of keyboard shortcuts, opened with `?` (issue 15).
 */
import { SHORTCUTS } from '../hooks/use-shortcuts';
import { useUi } from '../store/ui-store';
import { Dialog } from './Dialog';

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

/** The shortcuts dialog. */
export function ShortcutsDialog() {
  const open = useUi((s) => s.shortcutsOpen);
  const setShortcuts = useUi((s) => s.setShortcuts);
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={() => setShortcuts(false)}>
      <table className="table compact shortcuts">
        <caption className="sr-only">Keyboard shortcuts</caption>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">What they do</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.what}>
              <td className="nowrap">
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' + '}
                    <kbd>{k === 'Ctrl' && isMac ? '⌘' : k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" onClick={() => setShortcuts(false)} autoFocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
