import { PlannedView } from '../../ui/PlannedView';

export function SettingsView() {
  return (
    <PlannedView
      title="Settings"
      icon="settings"
      summary="The bot's configuration, edited in place."
      features={[
        'Config editor with validation against the runtime schema (errors shown at their line)',
        'Network credentials, command prefixes, middleware order and panel options',
        'Apply with a reload; an invalid config is refused and the running one kept',
      ]}
    />
  );
}
