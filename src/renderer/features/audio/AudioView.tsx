import { PlannedView } from '../../ui/PlannedView';

export function AudioView() {
  return (
    <PlannedView
      title="Audio"
      icon="audio"
      summary="The audio queue of every guild."
      features={[
        'Per guild: what is playing, position and volume, and the queue after it',
        'Skip, pause, resume, remove and reorder queue entries',
        'Voice connection state of each guild player',
      ]}
    />
  );
}
