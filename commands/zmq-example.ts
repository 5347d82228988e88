import { Command, UserArgument, UserConverter, type ArgsOf } from 'cmdsys';

/**
 * The RPC example: `say_hello` is an RPC handler outside programs may call (cog `ZMQExample`),
 * and `zmqsayhello @user` calls it the way an outside program would: over a REQ socket to the
 * bot's own loopback RPC server, then relays the answer. Needs the server (`--rpc`).
 */
export class ZmqSayHello extends Command {
  setup() {
    this.name = 'zmqsayhello';
    this.desc = 'Greets a user through the RPC server (the RPC example).';
    this.lib = 'examples 1.0';
    this.minRank = 1;
    this.rpcHandler(
      'say_hello',
      { user: UserConverter },
      async ({ user }, request) => {
        await request.sendMessage(`Hi ${user.displayName}!`);
      },
      { cog: 'ZMQExample' },
    );
    return this.addArgument(new UserArgument('user', false, { description: 'who to greet' }));
  }

  async call({ user }: ArgsOf<ZmqSayHello>) {
    // the bot hands out its zeromq: the commands folder needs no node_modules of its own
    const { endpoint, token, zmq } = this.env.rpc;
    if (!endpoint) {
      await this.respond('The RPC server is not running (start the bot with --rpc).');
      return;
    }
    const worker = new zmq.Request({ linger: 0, receiveTimeout: 5_000 });
    try {
      worker.connect(endpoint);
      await worker.send(
        JSON.stringify({
          requester: 'ZMQExample',
          cog: 'ZMQExample',
          method: 'say_hello',
          id: 123,
          kwargs: { user: user.id },
          ...(token ? { token } : {}),
        }),
      );
      const [reply] = await worker.receive();
      const result = JSON.parse(reply!.toString('utf8')) as { status: number; message: string };
      await this.respond(result.message);
    } finally {
      worker.close();
    }
  }
}
