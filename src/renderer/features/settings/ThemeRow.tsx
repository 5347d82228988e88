import { Icon, type IconName } from '../../ui/Icon';
import { useThemeStore, type ThemePreference } from '../../ui/theme';
import { Row } from './fields';

const CHOICES: { id: ThemePreference; label: string; icon: IconName }[] = [
  { id: 'system', label: 'System', icon: 'monitor' },
  { id: 'light', label: 'Light', icon: 'sun' },
  { id: 'dark', label: 'Dark', icon: 'moon' },
];

/** The panel's theme: follow the system (default) or always light or dark. Kept in this browser. */
export function ThemeRow() {
  const preference = useThemeStore((s) => s.preference);
  const setPreference = useThemeStore((s) => s.setPreference);
  return (
    <Row
      pathKeyValue="panel.theme"
      label="Theme"
      hint="System follows the light or dark setting of the operating system. Stored in this browser, applied at once."
      issues={[]}
    >
      <div className="segmented" role="group" aria-label="Theme" data-testid="theme-choice">
        {CHOICES.map((c) => (
          <button
            key={c.id}
            type="button"
            aria-pressed={preference === c.id}
            onClick={() => setPreference(c.id)}
          >
            <Icon name={c.icon} size={13} />
            {c.label}
          </button>
        ))}
      </div>
    </Row>
  );
}
