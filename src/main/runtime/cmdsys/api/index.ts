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
  ChannelUnavailable,
  CommandCancelled,
  CommandNotFound,
  IllegalArgument,
  InputTimeout,
  NotAvailable,
  PermissionDenied,
} from './errors';
export { formatDuration, parseDuration } from './duration';
export type { AskOptions, RespondOptions } from './bindings';
export type { Card, ChooseOptions } from './rich';
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
export type { ChannelAddress, ChannelRef, UserRef } from './refs';
export { ClustersUnavailable, type BroadcastOptions, type ClusterScope, type ShardsApi } from './shards';
export { channelAddressOf, type ReplyHandle, type SendContent } from './send';
export {
  ChannelConverter,
  GuildConverter,
  IntConverter,
  StringConverter,
  UserConverter,
  optional,
  type RpcArgs,
  type RpcConverter,
  type RpcParams,
} from '../../rpc/converters';
export { InvalidRequest, type RpcRequest, type SendOptions } from '../../rpc/rpc-types';
export type { Attachment, Author, IncomingMessage, OutgoingFile } from '../../adapters/types';
export type { RawApi, RawHandler, RawNext } from '../../adapters/raw-chain';
// Sounds for this.playSound (the audio subsystem).
export { FFmpegSound, type FFmpegSoundOptions } from '../../audio/sounds/ffmpeg-sound';
export { FileSound } from '../../audio/sounds/file-sound';
export { WebSound } from '../../audio/sounds/web-sound';
export { Sound, SoundError } from '../../audio/sounds/sound';
// The ORM (models, fields, constraints, filters, queries, transactions): see runtime/database.
export * from '../../database/index';
// Images (@napi-rs/canvas behind an availability check): see runtime/imagelib.
export * from '../../imagelib/index';
