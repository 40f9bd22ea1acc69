import { grantable } from './permissions';
import { useSession } from '../session';

/** Checkboxes for the permissions this session may grant; the API refuses the rest anyway. */
export function PermissionPicker({ value, onChange, legend }: { value: string[]; onChange: (next: string[]) => void; legend: string }) {
  const session = useSession();
  return (
    <fieldset>
      <legend>{legend}</legend>
      {grantable(session).map((permission) => (
        <label key={permission} style={{ display: 'inline-block', marginRight: '1rem', color: 'inherit' }}>
          <input type="checkbox" checked={value.includes(permission)} onChange={(e) => onChange(e.target.checked ? [...value, permission] : value.filter((p) => p !== permission))} /> {permission}
        </label>
      ))}
    </fieldset>
  );
}
