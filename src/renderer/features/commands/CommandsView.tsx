import { PlannedView } from '../../ui/PlannedView';

export function CommandsView() {
  return (
    <PlannedView
      title="Commands"
      icon="code"
      summary="The loaded commands, and an editor to change them."
      features={[
        'Command list: name, aliases, rank, source file, load state and file:line of load errors',
        'Editor for the command file with TypeScript highlighting and lint markers',
        'Save & Reload: writes the file and reloads atomically (a failing file keeps its previous version)',
      ]}
    />
  );
}
