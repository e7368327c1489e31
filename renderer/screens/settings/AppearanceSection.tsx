/**
 * Appearance: the colour theme — follow the system, light, or dark (issue 15).
 */
import { useUi, type Theme } from '../../store/ui-store';

const CHOICES: Array<{ value: Theme; label: string }> = [
  { value: 'system', label: 'Same as the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** The theme choice. */
export function AppearanceSection() {
  const theme = useUi((s) => s.theme);
  const setTheme = useUi((s) => s.setTheme);
  return (
    <fieldset className="fieldset">
      <legend>Theme</legend>
      {CHOICES.map((c) => (
        <label key={c.value} className="check">
          <input type="radio" name="theme" value={c.value} checked={theme === c.value} onChange={() => setTheme(c.value)} />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}
