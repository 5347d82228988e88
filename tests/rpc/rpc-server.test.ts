// The loopback RPC server through real zeromq sockets: the seed's request, every status code,
// auth and the token file, concurrency, reload hand-over, loopback-only binding, shutdown.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RpcAddressError, RpcServer } from '../../src/main/runtime/rpc/rpc-server';
import { RpcRegistry } from '../../src/main/runtime/rpc/rpc-registry';
import { createLookups } from '../../src/main/runtime/rpc/lookups';
import { commandFile, useHarnesses, waitFor, within, type CmdHarness } from '../support/cmdsys-harness';
import { endpointOf, fakeDiscordNative, reqCall, rpcOverrides } from './support';

const start = useHarnesses();

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLE = readFileSync(path.join(REPO_ROOT, 'commands', 'zmq-example.ts'), 'utf8');

/** Handlers for every status code a handler can produce. */
const HANDLERS = commandFile(
  `const Even = {
  rpcConvert(argument: unknown) {
    if (typeof argument !== 'number' || argument % 2 !== 0) throw new InvalidRequest('not an even number');
    return argument;
  },
};
const SlowUpper = {
  async rpcConvert(argument: unknown) {
    await new Promise((r) => setTimeout(r, 5));
    if (typeof argument !== 'string') throw new InvalidRequest('needs text');
    return argument.toUpperCase();
  },
};
export class Handlers extends Command {
  setup() {
    this.name = 'handlers';
    this.rpcHandler('add', { a: IntConverter, b: IntConverter }, ({ a, b }) => ({ sum: a + b }));
    this.rpcHandler('even', { n: Even }, ({ n }, request) => request.sendMessage('even: ' + n));
    this.rpcHandler('shout', { text: SlowUpper, suffix: optional(StringConverter) }, ({ text, suffix }) => text + (suffix ?? '!'));
    this.rpcHandler('teapot', {}, (_args, request) => request.sendMessage('short and stout', { status: 418 }));
    this.rpcHandler('boom', {}, () => { throw new Error('kaboom'); });
    this.rpcHandler('never', {}, () => new Promise(() => undefined));
    this.rpcHandler('echo', { value: StringConverter }, ({ value }, request) => request.sendMessage(value, { data: { requester: request.requester } }));
    this.rpcHandler('late', {}, async (_args, request) => {
      await new Promise((r) => setTimeout(r, 400));
      await request.sendMessage('too late');
    });
    this.rpcHandler('badstatus', {}, (_args, request) => request.sendMessage('x', { status: 42 }));
    this.rpcHandler('cyclic', {}, () => { const o: Record<string, unknown> = {}; o.self = o; return o; });
    this.rpcHandler('refuse', {}, () => { throw new InvalidRequest('not today'); });
    this.rpcHandler('guild', { guild: GuildConverter, channel: ChannelConverter }, ({ guild, channel }) => guild.name + '/' + channel.name);
  }
}`,
  'Command, IntConverter, StringConverter, GuildConverter, ChannelConverter, InvalidRequest, optional',
);

async function withHandlers(
  extra: Record<string, unknown> = {},
): Promise<{ h: CmdHarness; endpoint: string; token: string }> {
  const h = await start({
    files: { 'handlers.ts': HANDLERS, 'zmq-example.ts': EXAMPLE },
    configOverrides: rpcOverrides(extra),
  });
  Object.assign(h.fake, { native: fakeDiscordNative([{ id: '42', username: 'alice' }]) });
  return { h, ...(await endpointOf(h)) };
}

const call = (
  cog: string,
  method: string,
  kwargs: Record<string, unknown>,
  token: string,
  id: unknown = 1,
) => ({
  requester: 'tests',
  cog,
  method,
  id,
  kwargs,
  token,
});

describe('the seed request shape', () => {
  it('answers { requester, cog, method, id, kwargs } with { id, status, message } through a REQ socket', async () => {
    const { endpoint, token } = await withHandlers();
    const reply = await reqCall(endpoint, {
      requester: 'ZMQExample',
      cog: 'ZMQExample',
      method: 'say_hello',
      id: 123,
      kwargs: { user: 42 },
      token,
    });
    expect(reply).toEqual({ id: 123, status: 200, message: 'Hi alice!' });
  });

  it('the zmqsayhello example command calls its own handler over the server and relays the answer', async () => {
    const { h } = await withHandlers();
    const exchange = h.chat('zmqsayhello <@42>', { rank: 1 });
    expect(await exchange.done()).toEqual(['Hi alice!']);
  });

  it('the example says so when the server is not running', async () => {
    const h = await start({ files: { 'zmq-example.ts': EXAMPLE } });
    expect(await h.chat('zmqsayhello <@42>', { rank: 1 }).done()).toEqual([
      'The RPC server is not running (start the bot with --rpc).',
    ]);
    expect(h.bot.rpcService.status()).toMatchObject({ running: false, enabled: false, port: 6133 });
  });
});

describe('status codes', () => {
  it('200 with data, a returned string, a custom status, and the request id echoed (string ids too)', async () => {
    const { endpoint, token } = await withHandlers();
    expect(await reqCall(endpoint, call('handlers', 'add', { a: 2, b: 40 }, token, 'abc'))).toEqual({
      id: 'abc',
      status: 200,
      message: 'OK',
      data: { sum: 42 },
    });
    expect(await reqCall(endpoint, call('handlers', 'shout', { text: 'hey' }, token))).toMatchObject({
      status: 200,
      message: 'HEY!',
    });
    expect(
      await reqCall(endpoint, call('handlers', 'shout', { text: 'hey', suffix: '?' }, token)),
    ).toMatchObject({
      message: 'HEY?',
    });
    expect(await reqCall(endpoint, call('handlers', 'teapot', {}, token))).toMatchObject({
      status: 418,
      message: 'short and stout',
    });
    expect(await reqCall(endpoint, call('handlers', 'echo', { value: 'x' }, token))).toEqual({
      id: 1,
      status: 200,
      message: 'x',
      data: { requester: 'tests' },
    });
    expect(
      await reqCall(
        endpoint,
        call('handlers', 'guild', { guild: '900000000000000001', channel: '900000000000000002' }, token),
      ),
    ).toMatchObject({ status: 200, message: 'Test Guild/general' });
  });

  it('400 for malformed JSON, missing or mistyped fields, bad kwargs and converter errors', async () => {
    const { endpoint, token } = await withHandlers();
    const cases: [unknown, RegExp][] = [
      ['{"requester": ', /malformed JSON/],
      ['[1,2]', /must be a JSON object/],
      ['"text"', /must be a JSON object/],
      [{ cog: 'handlers', method: 'add', id: 1, kwargs: {}, token }, /requester/],
      [{ ...call('handlers', 'add', {}, token), id: { nested: true } }, /id/],
      [{ ...call('handlers', 'add', {}, token), kwargs: [1, 2] }, /kwargs/],
      [{ ...call('handlers', 'add', {}, token), extra: 1 }, /extra/],
      [call('handlers', 'add', { a: 1 }, token), /missing argument: b/],
      [call('handlers', 'add', { a: 1, b: '2' }, token), /b: expected an integer, got a string/],
      [call('handlers', 'add', { a: 1.5, b: 2 }, token), /a: expected an integer/],
      [call('handlers', 'add', { a: 1, b: 2, c: 3 }, token), /unexpected argument\(s\): c/],
      [call('handlers', 'even', { n: 3 }, token), /n: not an even number/],
      [call('handlers', 'shout', { text: 5 }, token), /text: needs text/],
      [call('ZMQExample', 'say_hello', { user: '999' }, token), /failed to find user with id 999/],
      [call('ZMQExample', 'say_hello', { user: { id: 1 } }, token), /user id must be/],
      [call('handlers', 'guild', { guild: 'nope', channel: 'x' }, token), /failed to find guild/],
    ];
    for (const [body, message] of cases) {
      const reply = await reqCall(endpoint, body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.message).toMatch(message);
    }
    // an id survives a validation error when it is usable, so a client can match the answer
    expect((await reqCall(endpoint, call('handlers', 'add', { a: 'x', b: 1 }, token, 77))).id).toBe(77);
    expect((await reqCall(endpoint, { ...call('handlers', 'add', {}, token, 78), cog: 5 })).id).toBe(78);
  });

  it('401 without the token or with a wrong one, whatever the target', async () => {
    const { endpoint, token } = await withHandlers();
    const { token: _omit, ...noToken } = call('core', 'ping', {}, token);
    expect(await reqCall(endpoint, noToken)).toEqual({
      id: 1,
      status: 401,
      message: 'unauthorized: missing token',
    });
    expect(await reqCall(endpoint, call('core', 'ping', {}, `${token}x`))).toMatchObject({
      status: 401,
      message: 'unauthorized: wrong token',
    });
    expect(await reqCall(endpoint, call('nope', 'nope', {}, ''))).toMatchObject({ status: 401 });
    expect(await reqCall(endpoint, call('core', 'ping', {}, token))).toMatchObject({
      status: 200,
      message: 'pong',
    });
  });

  it('404 for an unknown cog or method', async () => {
    const { endpoint, token } = await withHandlers();
    expect(await reqCall(endpoint, call('nope', 'ping', {}, token))).toMatchObject({
      status: 404,
      message: 'unknown cog "nope"',
    });
    expect(await reqCall(endpoint, call('handlers', 'nope', {}, token))).toMatchObject({
      status: 404,
      message: 'cog "handlers" has no method "nope"',
    });
  });

  it('413 for a request over the size limit; the server keeps answering', async () => {
    const { endpoint, token } = await withHandlers({ 'rpc.maxRequestBytes': 1024 });
    const reply = await reqCall(endpoint, call('handlers', 'echo', { value: 'x'.repeat(2000) }, token));
    expect(reply.status).toBe(413);
    expect(reply.message).toMatch(/exceeds the limit of 1024/);
    expect(await reqCall(endpoint, call('handlers', 'echo', { value: 'small' }, token))).toMatchObject({
      status: 200,
    });
  });

  it('500 with an error id that is also in the log when a handler throws', async () => {
    const { h, endpoint, token } = await withHandlers();
    const reply = await reqCall(endpoint, call('handlers', 'boom', {}, token));
    expect(reply.status).toBe(500);
    const errorId = (reply.data as { errorId: string }).errorId;
    expect(errorId).toMatch(/^[0-9a-f]{8}$/);
    expect(reply.message).toBe(`internal error in handlers.boom (error id ${errorId})`);
    expect(reply.message).not.toContain('kaboom');
    const logged = h.logs('error').find((e) => e.fields?.errorId === errorId);
    expect(logged?.msg).toBe('RPC handler failed');
    expect(JSON.stringify(logged)).toContain('kaboom');
  });

  it('500 after the timeout for a handler that never answers', async () => {
    const { endpoint, token } = await withHandlers({ 'rpc.handlerTimeoutMs': 200 });
    const reply = await reqCall(endpoint, call('handlers', 'never', {}, token));
    expect(reply.status).toBe(500);
    expect(reply.message).toMatch(/handlers\.never did not answer within 200 ms \(error id [0-9a-f]{8}\)/);
  });

  it('answers once: a late answer after the timeout is dropped; bad statuses, unserialisable data and InvalidRequest in a handler', async () => {
    const { endpoint, token } = await withHandlers({ 'rpc.handlerTimeoutMs': 150 });
    const { RawDealer } = await import('./support');
    const dealer = new RawDealer(endpoint);
    try {
      await dealer.send([JSON.stringify(call('handlers', 'late', {}, token, 'late'))]);
      await waitFor('the timeout answer', () => dealer.replies.length === 1);
      await new Promise((r) => setTimeout(r, 500)); // the handler answers now: nothing more arrives
      expect(dealer.parsed()).toEqual([
        expect.objectContaining({
          id: 'late',
          status: 500,
          message: expect.stringMatching(/did not answer within 150 ms/),
        }),
      ]);
    } finally {
      await dealer.close();
    }
    expect(await reqCall(endpoint, call('handlers', 'badstatus', {}, token))).toMatchObject({ status: 500 });
    expect(await reqCall(endpoint, call('handlers', 'cyclic', {}, token))).toMatchObject({
      status: 500,
      message: 'the handler answered with data that is not JSON-serialisable',
    });
    expect(await reqCall(endpoint, call('handlers', 'refuse', {}, token))).toMatchObject({
      status: 400,
      message: 'not today',
    });
  });

  it('429 for a connection flooding requests; other connections are not affected', async () => {
    const { endpoint, token } = await withHandlers({ 'rpc.rateLimit': { burst: 5, perSecond: 0.5 } });
    const { RawDealer } = await import('./support');
    const flood = new RawDealer(endpoint);
    try {
      for (let i = 0; i < 20; i++) await flood.send([JSON.stringify(call('core', 'ping', {}, token, i))]);
      await waitFor('20 answers', () => flood.replies.length >= 20);
      const statuses = flood.parsed().map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(15);
      // every answer carries its request's id
      expect(new Set(flood.parsed().map((r) => r.id)).size).toBe(20);
    } finally {
      await flood.close();
    }
    expect(await reqCall(endpoint, call('core', 'ping', {}, token))).toMatchObject({ status: 200 });
  });

  it('503 during shutdown: new requests at once, a running handler after the grace period; stop never hangs', async () => {
    const { h, endpoint, token } = await withHandlers();
    const pending = reqCall(endpoint, call('handlers', 'never', {}, token, 'slow'), 10_000);
    await waitFor('the handler to run', () => h.bot.rpcService.status().totalRequests >= 1);
    const stopping = h.bot.stop('test');
    const during = await reqCall(endpoint, call('core', 'ping', {}, token, 'late'));
    expect(during).toMatchObject({ id: 'late', status: 503 });
    expect(during.message).toMatch(/shutting down or restarting/);
    expect(await pending).toMatchObject({ id: 'slow', status: 503 });
    await within(stopping, 5_000, 'bot.stop()');
    expect(h.bot.rpcService.status().running).toBe(false);
  });
});

describe('loopback only', () => {
  it('refuses any address but 127.0.0.1 with a clear error, and reports it on the status', async () => {
    const options = {
      port: 0,
      auth: false,
      token: () => null,
      maxRequestBytes: 1024,
      handlerTimeoutMs: 1000,
      rateLimit: { burst: 10, perSecond: 10 },
      registry: new RpcRegistry(),
      lookups: createLookups(() => []),
      logger: (await start()).bot.logger,
    };
    for (const host of ['0.0.0.0', '192.168.1.10', '::', '*', 'example.com', '127.0.0.2'])
      await expect(RpcServer.start({ ...options, host })).rejects.toThrow(RpcAddressError);
    await expect(RpcServer.start({ ...options, host: '0.0.0.0' })).rejects.toThrow(
      'the RPC server only binds to the loopback address 127.0.0.1; refusing to bind to "0.0.0.0"',
    );
    const h = await start({ configOverrides: rpcOverrides({ 'rpc.host': '0.0.0.0' }) });
    const status = h.bot.rpcService.status();
    expect(status.running).toBe(false);
    expect(status.problem).toMatch(/refusing to bind to "0.0.0.0"/);
    expect(h.bot.state).toBe('running');
  });

  it('binds tcp://127.0.0.1 only; a taken port is a clear problem, not a crash', async () => {
    const { h, endpoint } = await withHandlers();
    expect(endpoint).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    const port = Number(endpoint.split(':').at(-1));
    const other = await start({ configOverrides: rpcOverrides({ 'rpc.port': port }) });
    expect(other.bot.rpcService.status().problem).toMatch(
      /cannot start the RPC server on tcp:\/\/127\.0\.0\.1:\d+/,
    );
    expect(h.bot.rpcService.status().running).toBe(true);
  });
});

describe('the token file', () => {
  it('is generated on first enable: one line, mode 0600; rotation refuses the old token at once', async () => {
    const { h, endpoint, token } = await withHandlers();
    const file = path.join(h.bot.dataDir, 'rpc-token');
    expect(readFileSync(file, 'utf8')).toBe(`${token}\n`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

    const rotated = await h.bot.rpcService.rotate();
    expect(rotated.token).not.toBe(token);
    expect(readFileSync(file, 'utf8')).toBe(`${rotated.token}\n`);
    expect(await reqCall(endpoint, call('core', 'ping', {}, token))).toMatchObject({ status: 401 });
    expect(await reqCall(endpoint, call('core', 'ping', {}, rotated.token!))).toMatchObject({ status: 200 });
  });

  it('is kept across restarts and tightened to 0600 when it was readable by others', async () => {
    const { h, token } = await withHandlers();
    const file = path.join(h.bot.dataDir, 'rpc-token');
    const { chmodSync } = await import('node:fs');
    chmodSync(file, 0o644);
    await h.bot.rpcService.restart();
    expect((await h.bot.rpcService.tokenInfo()).token).toBe(token);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(h.logs('warn').some((e) => /readable by others/.test(e.msg))).toBe(true);
  });

  it('--rpc-no-auth (rpc.auth false) accepts token-less requests, with a warning in the log and the status', async () => {
    const h = await start({
      files: { 'handlers.ts': HANDLERS },
      configOverrides: rpcOverrides({ 'rpc.auth': false }),
    });
    const { endpoint } = await endpointOf(h);
    const { token: _omit, ...noToken } = call('handlers', 'add', { a: 1, b: 1 }, '');
    expect(await reqCall(endpoint, noToken)).toMatchObject({ status: 200, data: { sum: 2 } });
    expect(h.bot.rpcService.status().auth).toBe(false);
    expect(h.logs('warn').some((e) => /RPC authentication is OFF/.test(e.msg))).toBe(true);
  });
});

describe('handlers belong to their file generation', () => {
  const versioned = (version: string): string =>
    commandFile(`export class V extends Command {
  setup() {
    this.name = 'versioned';
    this.rpcHandler('version', {}, () => '${version}');
  }
}`);

  it('reload replaces a handler without duplicates; a failed reload keeps it; removal unregisters it', async () => {
    const h = await start({ files: { 'versioned.ts': versioned('v1') }, configOverrides: rpcOverrides() });
    const { endpoint, token } = await endpointOf(h);
    const ask = () => reqCall(endpoint, call('versioned', 'version', {}, token));
    expect(await ask()).toMatchObject({ status: 200, message: 'v1' });
    const before = h.bot.rpc.methods();
    for (let i = 2; i <= 6; i++) {
      h.write('versioned.ts', versioned(`v${i}`));
      expect((await h.reload()).failed).toEqual([]);
      expect(await ask()).toMatchObject({ status: 200, message: `v${i}` });
      expect(h.bot.rpc.methods()).toEqual(before);
    }
    h.write('versioned.ts', `${versioned('broken')}\nthrow new Error('nope');\n`);
    expect((await h.reload()).failed).toHaveLength(1);
    expect(await ask()).toMatchObject({ status: 200, message: 'v6' });
    h.remove('versioned.ts');
    await h.reload();
    expect(h.bot.rpc.methods().filter((m) => m.startsWith('versioned.'))).toEqual([]);
    expect(await ask()).toMatchObject({ status: 404 });
  });

  it('a command file cannot claim the built-in cog or a name another file holds', async () => {
    const claim = (file: string, cog: string): string =>
      commandFile(`export class C extends Command {
  setup() { this.name = '${file}'; this.rpcHandler('ping', {}, () => 'mine', { cog: '${cog}' }); }
}`);
    const h = await start({
      files: { 'a.ts': claim('a', 'core'), 'b.ts': claim('b', 'shared'), 'c.ts': claim('c', 'shared') },
      configOverrides: rpcOverrides(),
    });
    const failed = h.bot.commands.lastReloadReport!.failed.map((f) => [f.file, f.message]);
    expect(failed).toEqual([
      ['a.ts', expect.stringContaining('the RPC cog "core" is reserved')],
      ['c.ts', expect.stringContaining('RPC method "shared.ping" is already registered')],
    ]);
    const { endpoint, token } = await endpointOf(h);
    expect(await reqCall(endpoint, call('core', 'ping', {}, token))).toMatchObject({ message: 'pong' });
  });

  it('rejects bad names and converter tables when the file loads', async () => {
    const bad = (name: string, params: string): string =>
      commandFile(`export class B extends Command {
  setup() { this.name = 'bad'; this.rpcHandler('${name}', ${params} as never, () => 'x'); }
}`);
    for (const [name, params, message] of [
      ['has space', '{}', 'invalid RPC name'],
      ['ok', '{ n: 5 }', 'RPC parameter "n" needs a converter'],
      ['ok', "{ 'bad-name': { rpcConvert: (x: unknown) => x } }", 'invalid RPC parameter name "bad-name"'],
    ] as const) {
      const h = await start({ files: { 'bad.ts': bad(name, params) } });
      expect(h.bot.commands.lastReloadReport!.failed[0]?.message).toContain(message);
    }
  });
});

describe('the core cog', () => {
  it('ping, commands, invoke (as the console at the configured rank), reload, status', async () => {
    const echo = commandFile(
      `export class Echo extends Command {
  setup() { this.name = 'say'; return this.addArgument(new StringArgument('text', true)); }
  async call({ text }: ArgsOf<Echo>) { await this.respond(text ?? '-'); await this.respond('rank ' + this.msg.rank); }
}
export class Secret extends Command {
  setup() { this.name = 'secret'; this.minRank = 1; }
  async call() { await this.respond('owner only'); }
}`,
      'Command, StringArgument, type ArgsOf',
    );
    const h = await start({
      files: { 'say.ts': echo },
      configOverrides: rpcOverrides({ 'rpc.invokeRank': 3 }),
    });
    const { endpoint, token } = await endpointOf(h);
    expect(await reqCall(endpoint, call('core', 'ping', {}, token))).toMatchObject({
      status: 200,
      message: 'pong',
    });

    const commands = await reqCall(endpoint, call('core', 'commands', {}, token));
    expect((commands.data as { commands: { name: string }[] }).commands.map((c) => c.name)).toEqual(
      expect.arrayContaining(['say', 'secret']),
    );

    const invoked = await reqCall(endpoint, call('core', 'invoke', { line: 'say hello there' }, token));
    expect(invoked).toMatchObject({
      status: 200,
      message: 'hello there\nrank 3',
      data: { responses: ['hello there', 'rank 3'], rank: 3 },
    });
    // a client may lower its rank, never raise it above the configured one
    expect(
      (await reqCall(endpoint, call('core', 'invoke', { line: 'say x', rank: 1 }, token))).data,
    ).toMatchObject({
      rank: 3,
    });
    expect(
      (await reqCall(endpoint, call('core', 'invoke', { line: 'say x', rank: 7 }, token))).data,
    ).toMatchObject({
      responses: ['x', 'rank 7'],
    });
    const denied = await reqCall(endpoint, call('core', 'invoke', { line: 'secret' }, token));
    expect(denied.status).toBe(200);
    expect((denied.data as { responses: string[] }).responses.join(' ')).not.toContain('owner only');
    expect(await reqCall(endpoint, call('core', 'invoke', {}, token))).toMatchObject({
      status: 400,
      message: 'missing argument: line',
    });

    const reload = await reqCall(endpoint, call('core', 'reload', {}, token));
    expect(reload.status).toBe(200);
    expect(reload.data).toMatchObject({ report: { failed: [] } });

    const status = await reqCall(endpoint, call('core', 'status', {}, token));
    expect(status.data).toMatchObject({ bot: { state: 'running' }, rpc: { running: true, auth: true } });
  });
});
