import { NumberField } from './fields';
import { PanelSessionRow } from './PanelSessionRow';
import { ThemeRow } from './ThemeRow';
import { Section } from './SettingsSection';

export function PanelSection() {
  return (
    <Section id="panel" title="Panel" description="Browser mode of this panel.">
      <NumberField
        path={['panel', 'port']}
        label="Port"
        hint="On 127.0.0.1; 0 reuses the port of the last start (else a free one). Applies at the next start."
      />
      <PanelSessionRow />
      <ThemeRow />
    </Section>
  );
}
