/**
 * The panel's views by id and label, in navigation order. The renderer gives each its component
 * and icon; the desktop app's View menu and tray use this list to navigate the window.
 */
export const PANEL_VIEWS = [
  { id: 'status', label: 'Status' },
  { id: 'logs', label: 'Logs' },
  { id: 'commands', label: 'Commands' },
  { id: 'console', label: 'Console' },
  { id: 'running', label: 'Running' },
  { id: 'audio', label: 'Audio' },
  { id: 'audit', label: 'Audit' },
  { id: 'settings', label: 'Settings' },
  { id: 'database', label: 'Database' },
] as const;

export type PanelViewId = (typeof PANEL_VIEWS)[number]['id'];
