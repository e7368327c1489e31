/**
 * The app's keyboard shortcuts (issue 15): Ctrl/Cmd+K opens the command
 * palette, Ctrl/Cmd+, opens Settings, `?` lists the shortcuts. Escape closes
 * whichever is open (the dialogs handle it themselves).
 */
import { useEffect } from 'react';
import { useNavigation } from '../store/navigation-store';
import { useUi } from '../store/ui-store';

/** Is the key typed into a text field (where `?` is just a character)? */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'file'].includes(target.type);
}

/** The shortcuts as the `?` list shows them. */
export const SHORTCUTS: Array<{ keys: string[]; what: string }> = [
  { keys: ['Ctrl', 'K'], what: 'Go to any course or assessment (command palette)' },
  { keys: ['Ctrl', ','], what: 'Open Settings' },
  { keys: ['?'], what: 'Show these shortcuts' },
  { keys: ['Esc'], what: 'Close a dialog, the palette or a menu' },
];

/** Install the global shortcuts while `enabled`. */
export function useShortcuts(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    function onKey(e: KeyboardEvent) {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        useUi.getState().setPalette(!useUi.getState().paletteOpen);
      } else if (mod && !e.altKey && e.key === ',') {
        e.preventDefault();
        useUi.getState().setPalette(false);
        useNavigation.getState().go({ name: 'settings' });
      } else if (e.key === '?' && !mod && !e.altKey && !typing(e.target) && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        useUi.getState().setShortcuts(true);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
