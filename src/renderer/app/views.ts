import type { ComponentType } from 'react';
import { AudioView } from '../features/audio/AudioView';
import { AuditView } from '../features/audit/AuditView';
import { CommandsView } from '../features/commands/CommandsView';
import { ConsoleView } from '../features/console/ConsoleView';
import { DatabaseView } from '../features/database/DatabaseView';
import { LogsView } from '../features/logs/LogsView';
import { RunningView } from '../features/running/RunningView';
import { SettingsView } from '../features/settings/SettingsView';
import { StatusView } from '../features/status/StatusView';
import type { IconName } from '../ui/Icon';

export interface ViewDef {
  id: string;
  label: string;
  icon: IconName;
  group: 'Monitor' | 'Operate' | 'Media & audit' | 'System';
  Component: ComponentType;
}

/** Every view of the panel, in navigation order. */
export const VIEWS = [
  { id: 'status', label: 'Status', icon: 'activity', group: 'Monitor', Component: StatusView },
  { id: 'logs', label: 'Logs', icon: 'logs', group: 'Monitor', Component: LogsView },
  { id: 'commands', label: 'Commands', icon: 'code', group: 'Operate', Component: CommandsView },
  { id: 'console', label: 'Console', icon: 'terminal', group: 'Operate', Component: ConsoleView },
  { id: 'running', label: 'Running', icon: 'running', group: 'Operate', Component: RunningView },
  { id: 'audio', label: 'Audio', icon: 'audio', group: 'Media & audit', Component: AudioView },
  { id: 'audit', label: 'Audit', icon: 'audit', group: 'Media & audit', Component: AuditView },
  { id: 'settings', label: 'Settings', icon: 'settings', group: 'System', Component: SettingsView },
  { id: 'database', label: 'Database', icon: 'database', group: 'System', Component: DatabaseView },
] as const satisfies readonly ViewDef[];

export type ViewId = (typeof VIEWS)[number]['id'];
export const DEFAULT_VIEW: ViewId = 'status';

export function isViewId(id: string): id is ViewId {
  return VIEWS.some((v) => v.id === id);
}
