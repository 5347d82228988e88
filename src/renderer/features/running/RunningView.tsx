import { PlannedView } from '../../ui/PlannedView';

export function RunningView() {
  return (
    <PlannedView
      title="Running"
      icon="running"
      summary="Command invocations in flight, live."
      features={[
        'Each invocation: command, caller, network and channel, elapsed time, loop or more-input mode',
        'Cancel a running invocation (its clean-up handlers run)',
        'Recently finished invocations with outcome and duration',
      ]}
    />
  );
}
