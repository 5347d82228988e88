import path from 'node:path';
import { ChoiceArgument, IntegerArgument, StringArgument, type ArgsOf } from '../../cmdsys/api/arguments';
import { Command } from '../../cmdsys/api/command';
import { IllegalArgument } from '../../cmdsys/api/errors';
import type { AudioSystem } from '../audio-system';
import { AudioError } from '../audio-errors';
import type { GuildPlayer } from '../player/guild-player';
import { LOOP_MODES } from '../queue/audio-queue';
import { soundFromInput } from '../sounds/spec';

const LIB = 'protos-panel audio';
const QUEUE_LINES = 15;

/** `m:ss` (or `h:mm:ss`); `?` when unknown. */
export function clock(ms: number | null): string {
  if (ms === null) return '?';
  const total = Math.max(0, Math.floor(ms / 1000));
  const [h, m, sec] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const two = (n: number): string => String(n).padStart(2, '0');
  return h ? `${h}:${two(m)}:${two(sec)}` : `${m}:${two(sec)}`;
}
const time = clock;

/** Base of the audio commands: the guild's player from the message. */
abstract class AudioCommand extends Command {
  constructor(protected readonly audio: AudioSystem) {
    super();
  }

  protected base(name: string, desc: string): void {
    this.name = name;
    this.desc = desc;
    this.lib = LIB;
  }

  protected player(): GuildPlayer {
    return this.audio.player(this.audio.guildOf(this.msg));
  }

  /** Editing what someone else asked for is an audit event of the guild (Command.log). */
  protected async auditIfOthers(requester: string | null | undefined, what: string): Promise<void> {
    if (requester && requester !== this.msg.author.displayName)
      await this.log(`${what} (asked by ${requester})`);
  }

  /** A player with an output (the bot is in a voice channel here). */
  protected connectedPlayer(): GuildPlayer {
    const player = this.player();
    if (!player.output) throw new AudioError('the bot is not in a voice channel here; use join first');
    return player;
  }
}

export class JoinCommand extends AudioCommand {
  setup() {
    this.base('join', 'Joins your voice channel, or the one named (console: connects the console sink).');
    return this.addArgument(new StringArgument('channel', true, { description: 'a voice channel' }));
  }

  async call({ channel }: ArgsOf<JoinCommand>) {
    const joined = await this.audio.join(this.msg, channel);
    const player = this.player();
    const queued = player.queue.length + (player.queue.current ? 1 : 0);
    await this.respond(`Joined ${joined.name}.${queued ? ` Resuming the queue (${queued} item(s)).` : ''}`);
  }
}

export class LeaveCommand extends AudioCommand {
  setup() {
    this.base('leave', 'Leaves the voice channel (the queue is kept for the next join).');
  }

  async call() {
    await this.audio.leave(this.msg);
    await this.respond('Left the voice channel.');
  }
}

export class PlayCommand extends AudioCommand {
  setup() {
    this.base('play', 'Queues a sound file (from the sounds folder) or a URL.');
    this.longDesc =
      "A file name is looked up in the data dir's sounds/ folder (absolute paths work too); an http(s) URL is downloaded into the cache first.";
    return this.addArgument(new StringArgument('source', false, { description: 'file or URL' }));
  }

  async call({ source }: ArgsOf<PlayCommand>) {
    const player = this.connectedPlayer();
    const sound = soundFromInput(source, (name) => path.resolve(this.audio.soundsDir, name));
    sound.requester = this.msg.author.displayName;
    sound.origin = { adapterId: this.msg.adapterId, channel: this.msg.channel };
    await sound.prepare(this.audio.context()); // a bad file or refused download fails here, for this user
    const wasIdle = !player.queue.current;
    player.enqueue(sound);
    await this.respond(
      wasIdle
        ? `Playing ${sound.title} (${time(sound.durationMs)}).`
        : `Queued ${sound.title} (${time(sound.durationMs)}) at position ${player.queue.length}.`,
    );
  }
}

export class QueueCommand extends AudioCommand {
  setup() {
    this.base('queue', 'Shows what plays now and what comes next.');
  }

  async call() {
    const s = this.player().snapshot();
    const lines: string[] = [];
    if (s.current)
      lines.push(
        `Now: ${s.current.title} [${time(s.current.positionMs)}/${time(s.current.durationMs)}]${s.paused ? ' (paused)' : ''}`,
      );
    else lines.push('Nothing is playing.');
    s.upcoming.slice(0, QUEUE_LINES).forEach((item, i) => {
      lines.push(
        `${i + 1}. ${item.title} (${time(item.durationMs)})${item.requester ? ` — ${item.requester}` : ''}`,
      );
    });
    if (s.upcoming.length > QUEUE_LINES) lines.push(`… and ${s.upcoming.length - QUEUE_LINES} more`);
    lines.push(`Loop: ${s.loop}, volume: ${s.volume}%`);
    if (s.lastError) lines.push(`Last skipped: ${s.lastError.title} — ${s.lastError.reason}`);
    await this.respond(lines.join('\n'));
  }
}

export class NowPlayingCommand extends AudioCommand {
  setup() {
    this.base('np', 'Shows the sound playing now.');
  }

  async call() {
    const s = this.player().snapshot();
    if (!s.current) return this.respond('Nothing is playing.');
    const by = s.current.requester ? ` (asked by ${s.current.requester})` : '';
    await this.respond(
      `${s.paused ? 'Paused' : 'Playing'}: ${s.current.title}${by} [${time(s.current.positionMs)}/${time(s.current.durationMs)}]`,
    );
  }
}

export class SkipCommand extends AudioCommand {
  setup() {
    this.base('skip', 'Skips the sound playing now.');
  }

  async call() {
    const skipped = this.connectedPlayer().skip();
    await this.respond(`Skipped ${skipped?.sound.title ?? 'nothing'}.`);
    if (skipped) await this.auditIfOthers(skipped.sound.requester, `skipped ${skipped.sound.title}`);
  }
}

export class RemoveCommand extends AudioCommand {
  setup() {
    this.base('remove', 'Removes the item at a position of the queue.');
    return this.addArgument(new IntegerArgument('position', false, { min: 1 }));
  }

  async call({ position }: ArgsOf<RemoveCommand>) {
    const item = this.player().remove(position);
    await this.respond(`Removed ${item.sound.title}.`);
    await this.auditIfOthers(item.sound.requester, `removed ${item.sound.title} from the queue`);
  }
}

export class MoveCommand extends AudioCommand {
  setup() {
    this.base('move', 'Moves a queue item from one position to another.');
    return this.addArgument(new IntegerArgument('from', false, { min: 1 })).addArgument(
      new IntegerArgument('to', false, { min: 1 }),
    );
  }

  async call({ from, to }: ArgsOf<MoveCommand>) {
    const item = this.player().move(from, to);
    await this.respond(`Moved ${item.sound.title} to position ${to}.`);
    await this.auditIfOthers(item.sound.requester, `moved ${item.sound.title} to position ${to}`);
  }
}

export class LoopCommand extends AudioCommand {
  setup() {
    this.base('loop', 'Sets the loop mode: off, one (repeat the current sound) or all (repeat the queue).');
    return this.addArgument(new ChoiceArgument('mode', LOOP_MODES));
  }

  async call({ mode }: ArgsOf<LoopCommand>) {
    this.player().setLoop(mode);
    await this.respond(`Loop: ${mode}.`);
  }
}

export class VolumeCommand extends AudioCommand {
  setup() {
    this.base('volume', 'Shows or sets the volume of this server (0–200 %).');
    return this.addArgument(new IntegerArgument('percent', true, { min: 0, max: 200 }));
  }

  async call({ percent }: ArgsOf<VolumeCommand>) {
    const player = this.player();
    if (percent === undefined) return this.respond(`Volume: ${player.volume}%.`);
    player.setVolume(percent);
    await this.respond(`Volume: ${percent}%.`);
  }
}

export class PauseCommand extends AudioCommand {
  setup() {
    this.base('pause', 'Pauses playback.');
  }

  async call() {
    const player = this.connectedPlayer();
    if (!player.queue.current) throw new IllegalArgument('nothing is playing');
    player.pause();
    await this.respond('Paused.');
  }
}

export class ResumeCommand extends AudioCommand {
  setup() {
    this.base('resume', 'Resumes playback.');
  }

  async call() {
    this.connectedPlayer().resume();
    await this.respond('Resumed.');
  }
}

export function audioCommands(audio: AudioSystem): Command[] {
  return [
    new JoinCommand(audio),
    new LeaveCommand(audio),
    new PlayCommand(audio),
    new QueueCommand(audio),
    new NowPlayingCommand(audio),
    new SkipCommand(audio),
    new RemoveCommand(audio),
    new MoveCommand(audio),
    new LoopCommand(audio),
    new VolumeCommand(audio),
    new PauseCommand(audio),
    new ResumeCommand(audio),
  ];
}
