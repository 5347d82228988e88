import { PlannedView } from '../../ui/PlannedView';

export function ConsoleView() {
  return (
    <PlannedView
      title="Console"
      icon="terminal"
      summary="Run commands here exactly as in the bot's terminal."
      features={[
        'A prompt that runs a line through the same pipeline as chat (console adapter, owner rank)',
        'Output stream: echoed input, responses, errors and system lines, per request',
        'History (↑/↓) and multi-line input for commands that ask for more',
      ]}
    />
  );
}
