// The command API: what a command file gets from `import { … } from 'cmdsys'`.
export { Command } from './command';
export {
  Argument,
  ArgumentChain,
  BooleanArgument,
  ChannelArgument,
  ChoiceArgument,
  DurationArgument,
  IntegerArgument,
  NumberArgument,
  StringArgument,
  UserArgument,
  type ArgsOf,
  type ArgumentOptions,
  type RangeOptions,
} from './arguments';
export {
  CommandCancelled,
  CommandNotFound,
  IllegalArgument,
  InputTimeout,
  NotAvailable,
  PermissionDenied,
} from './errors';
export { formatDuration, parseDuration } from './duration';
export type { AskOptions, RespondOptions } from './bindings';
export type {
  AudioApi,
  BotStats,
  ClientInfo,
  ConfigReader,
  Environment,
  RpcApi,
  RpcHandler,
  SoundLike,
} from './environment';
export type { ChannelRef, UserRef } from './refs';
export type { Attachment, Author, IncomingMessage, OutgoingFile } from '../../adapters/types';
export type { RawApi, RawHandler, RawNext } from '../../adapters/raw-chain';
// The ORM (models, fields, constraints, filters, queries, transactions): see runtime/database.
export * from '../../database/index';
// Images (@napi-rs/canvas behind an availability check): see runtime/imagelib.
export * from '../../imagelib/index';
