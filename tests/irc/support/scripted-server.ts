import net from 'node:net';

export interface ScriptedServerOptions {
  /** Offer the `sasl` capability (PLAIN) and hold the welcome until `CAP END`. */
  sasl?: boolean;
}

/**
 * Just enough of an IRC server to register one client (CAP, PASS, SASL PLAIN) and join it to
 * channels, recording every line it gets. Tests use it to send what no real server would.
 */
export class ScriptedServer {
  readonly received: string[] = [];
  private socket: net.Socket | null = null;

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
    private readonly options: ScriptedServerOptions,
  ) {}

  static async start(options: ScriptedServerOptions = {}, port = 0): Promise<ScriptedServer> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const address = server.address() as net.AddressInfo;
    const scripted = new ScriptedServer(server, address.port, options);
    server.on('connection', (socket) => scripted.accept(socket));
    return scripted;
  }

  private accept(socket: net.Socket): void {
    this.socket = socket;
    let buffer = '';
    let nick = 'bot';
    let registered = false;
    let capEnded = !this.options.sasl;
    let userSeen = false;
    const welcome = (): void => {
      if (registered || !userSeen || !capEnded) return;
      registered = true;
      this.send(`:fake.server 001 ${nick} :Welcome to the fake network ${nick}!~bot@fake.host`);
      this.send(
        `:fake.server 005 ${nick} CHANTYPES=# PREFIX=(ov)@+ CASEMAPPING=ascii NICKLEN=30 :are supported`,
      );
      this.send(`:fake.server 376 ${nick} :End of MOTD`);
    };
    socket.on('error', () => undefined);
    socket.on('data', (data) => {
      buffer += data.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        this.received.push(line);
        const [command, arg] = line.split(' ');
        if (command === 'CAP' && arg === 'LS' && this.options.sasl) this.send(':fake.server CAP * LS :sasl');
        if (command === 'CAP' && arg === 'REQ')
          this.send(`:fake.server CAP * ACK :${line.split(':')[1] ?? ''}`);
        if (command === 'AUTHENTICATE' && arg === 'PLAIN') this.send('AUTHENTICATE +');
        else if (command === 'AUTHENTICATE') {
          this.send(`:fake.server 900 ${nick} ${nick}!~bot@fake.host account :You are now logged in`);
          this.send(`:fake.server 903 ${nick} :SASL authentication successful`);
        }
        if (command === 'CAP' && arg === 'END') {
          capEnded = true;
          welcome();
        }
        if (command === 'NICK') nick = arg!;
        if (command === 'USER') {
          userSeen = true;
          welcome();
        }
        if (command === 'JOIN') {
          this.send(`:${nick}!~bot@fake.host JOIN ${arg}`);
          this.send(`:fake.server 353 ${nick} = ${arg} :${nick} alice mallory`);
          this.send(`:fake.server 366 ${nick} ${arg} :End of NAMES`);
        }
        if (command === 'PING') this.send(`:fake.server PONG fake.server :${line.slice(5)}`);
      }
    });
  }

  send(line: string | Buffer): void {
    this.socket?.write(typeof line === 'string' ? `${line}\r\n` : Buffer.concat([line, Buffer.from('\r\n')]));
  }

  async close(): Promise<void> {
    this.socket?.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
