/**
 * The switch that lets the app fall back to a clock's plain-HTTP port (issue 14).
 */

/** "Allow plain HTTP on my home network" checkbox. */
export function AllowHttpCheck({ checked, onChange }: { checked: boolean; onChange(on: boolean): void }) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      Allow plain HTTP on my home network (port 8080) when HTTPS cannot be reached
    </label>
  );
}
