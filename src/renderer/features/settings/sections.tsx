import type { ReactNode } from 'react';
import { AliasesSection } from './AliasesSection';
import { AuditSection } from './AuditSection';
import { BadWordsSection } from './BadWordsSection';
import { BotSection } from './BotSection';
import { CommandsSection } from './CommandsSection';
import { DebugSection } from './DebugSection';
import { DiscordSection } from './DiscordSection';
import { IrcSection } from './IrcSection';
import { LoggingSection } from './LoggingSection';
import { PanelSection } from './PanelSection';
import { PipelineSection } from './PipelineSection';
import { RanksSection } from './RanksSection';
import { RateLimitSection } from './RateLimitSection';
import { RpcSection } from './RpcSection';

export interface SectionDef {
  id: string;
  title: string;
  /** Top-level config keys the section edits (for its problem count). */
  keys: readonly string[];
  Component: () => ReactNode;
}

/** The Settings view's sections, in display order (one file per section). */
export const SECTIONS: readonly SectionDef[] = [
  { id: 'bot', title: 'Bot', keys: ['bot'], Component: BotSection },
  { id: 'pipeline', title: 'Pipeline', keys: ['pipeline'], Component: PipelineSection },
  { id: 'aliases', title: 'Aliases', keys: ['aliases'], Component: AliasesSection },
  { id: 'badWords', title: 'Bad words', keys: ['badWords'], Component: BadWordsSection },
  { id: 'rateLimit', title: 'Rate limits', keys: ['rateLimit'], Component: RateLimitSection },
  { id: 'ranks', title: 'Ranks', keys: ['ranks'], Component: RanksSection },
  { id: 'debug', title: 'Debug', keys: ['debug'], Component: DebugSection },
  { id: 'logging', title: 'Logging', keys: ['logging'], Component: LoggingSection },
  { id: 'commands', title: 'Commands', keys: ['commands'], Component: CommandsSection },
  { id: 'discord', title: 'Discord', keys: ['discord'], Component: DiscordSection },
  { id: 'irc', title: 'IRC', keys: ['irc'], Component: IrcSection },
  { id: 'panel', title: 'Panel', keys: ['panel'], Component: PanelSection },
  { id: 'rpc', title: 'RPC server', keys: ['rpc'], Component: RpcSection },
  { id: 'audit', title: 'Audit', keys: ['audit'], Component: AuditSection },
];
