import { useId } from 'react';
import { pathKey } from './config-paths';
import { NumberInput, Row } from './fields';
import { issuesAt, useSettingsForm } from './SettingsContext';

/** A token bucket setting: burst at once, then a rate per second. */
export function BucketRow({ path, label, hint }: { path: string[]; label: string; hint: string }) {
  const { issues } = useSettingsForm();
  const key = pathKey(path);
  const all = issuesAt(issues, key, true);
  const id = useId();
  return (
    <Row pathKeyValue={key} label={label} hint={hint} htmlFor={id} issues={all} issueBase={key}>
      <span className="bucket">
        <NumberInput
          path={[...path, 'burst']}
          id={id}
          label={`${label} burst`}
          invalid={issuesAt(issues, `${key}.burst`).length > 0}
          unit="at once"
        />
        <span className="bucket-then">then</span>
        <NumberInput
          path={[...path, 'perSecond']}
          label={`${label} per second`}
          invalid={issuesAt(issues, `${key}.perSecond`).length > 0}
          unit="/ s"
        />
      </span>
    </Row>
  );
}
