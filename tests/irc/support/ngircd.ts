import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const NGIRCD = '/usr/sbin/ngircd';
export const HOST = '127.0.0.1';

/** Whether the Debian ngircd package is installed (.ci/run installs it). */
export const ngircdAvailable = existsSync(NGIRCD);

export interface NgircdOptions {
  /** Seconds of client silence before the server PINGs it (ngircd's minimum, 5, by default). */
  pingTimeout?: number;
  /** Seconds a client has to answer a PING (minimum 5). */
  pongTimeout?: number;
  /** Penalty limit in seconds; 0 (the tests' default) turns ngircd's own flood throttling off. */
  maxPenaltyTime?: number;
}

/** A real IRC server for the tests: ngircd on 127.0.0.1 and a free high port. */
export class Ngircd {
  private child: ChildProcess | null = null;
  private output = '';

  private constructor(
    readonly port: number,
    readonly dir: string,
    readonly configFile: string,
  ) {}

  /** Writes a config into a fresh temp dir and starts the server (waits until it listens). */
  static async start(options: NgircdOptions = {}): Promise<Ngircd> {
    for (let attempt = 1; ; attempt++) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'protos-ngircd-'));
      // ngircd started as root drops to "nobody": it must still read its files
      chmodSync(dir, 0o755);
      const port = await freePort();
      const motd = path.join(dir, 'ngircd.motd');
      writeFileSync(motd, 'ProtOS test server. Be nice.\n');
      const configFile = path.join(dir, 'ngircd.conf');
      writeFileSync(configFile, ngircdConfig(port, motd, options));
      chmodSync(motd, 0o644);
      chmodSync(configFile, 0o644);
      const server = new Ngircd(port, dir, configFile);
      live.add(server);
      try {
        await server.launch();
        return server;
      } catch (err) {
        server.dispose();
        // the port may have been taken between probing and binding: try another one
        if (attempt >= 3) throw err;
      }
    }
  }

  get url(): string {
    return `${HOST}:${this.port}`;
  }

  get log(): string {
    return this.output;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts ngircd (again, after kill()) on the same port and waits until it accepts connections. */
  async launch(timeoutMs = 10_000): Promise<void> {
    if (this.running) throw new Error('ngircd is already running');
    const child = spawn(NGIRCD, ['-n', '-f', this.configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const collect = (d: Buffer): void => {
      this.output += d.toString();
      if (this.output.length > 200_000) this.output = this.output.slice(-100_000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`ngircd exited during start-up:\n${this.output}`);
      if (await canConnect(this.port)) return;
      if (Date.now() > deadline)
        throw new Error(`ngircd did not listen on ${this.port} within ${timeoutMs} ms:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** SIGKILL: the server vanishes without a goodbye (what a crash looks like to clients). */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }

  /** Stops the server and removes its temp dir. Safe to call twice. */
  async stop(): Promise<void> {
    await this.kill();
    this.dispose();
  }

  private dispose(): void {
    live.delete(this);
    if (this.child && this.running) this.child.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Synchronous last resort (process exit): never leave a server running. */
  killNow(): void {
    if (this.child && this.running) this.child.kill('SIGKILL');
  }
}

const live = new Set<Ngircd>();
process.once('exit', () => {
  for (const server of live) server.killNow();
});

function ngircdConfig(port: number, motd: string, options: NgircdOptions): string {
  return `# written by tests/irc/support/ngircd.ts
[Global]
  Name = irc.protos.test
  Info = ProtOS test server
  AdminInfo1 = ProtOS tests
  AdminInfo2 = localhost
  AdminEMail = tests@protos.invalid
  Listen = ${HOST}
  Ports = ${port}
  MotdFile = ${motd}

[Limits]
  MaxConnections = 0
  MaxConnectionsIP = 0
  MaxJoins = 0
  MaxNickLength = 30
  MaxPenaltyTime = ${options.maxPenaltyTime ?? 0}
  PingTimeout = ${Math.max(5, options.pingTimeout ?? 5)}
  PongTimeout = ${Math.max(5, options.pongTimeout ?? 5)}
  ConnectRetry = 60
  IdleTimeout = 0

[Options]
  DNS = no
  Ident = no
  PAM = no
  OperCanUseMode = yes
`;
}

/** A port that was free a moment ago (bind to 0, read it, close). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
