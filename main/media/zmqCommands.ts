// Sends filter commands to a running ffmpeg through its `zmq` filter, speaking ZeroMQ's wire protocol
// (ZMTP 3.0, NULL security, as a DEALER talking to the filter's REP socket) over plain TCP, so no native
// module is needed. The filter handles every queued command on the next frame (~1 frame), where ffmpeg's
// stdin `c` reads one command per 100 ms.
import { Socket } from 'node:net';

function greeting(): Buffer {
  const g = Buffer.alloc(64);
  g[0] = 0xff;
  g[9] = 0x7f;
  g[10] = 3; // ZMTP 3.0
  g[11] = 0;
  g.write('NULL', 12, 'ascii');
  return g;
}

function frame(body: Buffer, flags: number): Buffer {
  if (body.length <= 255) return Buffer.concat([Buffer.from([flags, body.length]), body]);
  const head = Buffer.alloc(9);
  head[0] = flags | 0x02;
  head.writeBigUInt64BE(BigInt(body.length), 1);
  return Buffer.concat([head, body]);
}

function readyCommand(): Buffer {
  const name = Buffer.from('Socket-Type', 'ascii');
  const value = Buffer.from('DEALER', 'ascii');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(value.length);
  const body = Buffer.concat([
    Buffer.from([5]),
    Buffer.from('READY', 'ascii'),
    Buffer.from([name.length]),
    name,
    len,
    value,
  ]);
  return frame(body, 0x04);
}

export class ZmqCommandClient {
  private socket: Socket | null = null;
  private connected = false;
  private closed = false;
  private queue: string[] = [];
  private inbox = Buffer.alloc(0);
  private handshake = 0; // bytes of the peer's greeting still to skip
  replies: string[] = [];
  sent = 0;

  constructor(
    readonly port: number,
    private readonly host = '127.0.0.1',
  ) {
    this.connect();
  }

  private connect(): void {
    if (this.closed) return;
    const s = new Socket();
    this.socket = s;
    s.setNoDelay(true);
    s.on('error', () => {});
    s.on('close', () => {
      this.connected = false;
      // ffmpeg binds its socket only when the graph starts: retry until it listens.
      if (!this.closed) setTimeout(() => this.connect(), 100);
    });
    s.on('data', (d: Buffer) => this.onData(d));
    s.connect(this.port, this.host, () => {
      this.handshake = 64;
      this.inbox = Buffer.alloc(0);
      s.write(greeting());
      s.write(readyCommand());
      this.connected = true;
      this.flush();
    });
  }

  private onData(d: Buffer): void {
    this.inbox = Buffer.concat([this.inbox, d]);
    if (this.handshake > 0) {
      const skip = Math.min(this.handshake, this.inbox.length);
      this.inbox = this.inbox.subarray(skip);
      this.handshake -= skip;
    }
    let parts: string[] = [];
    for (;;) {
      if (this.inbox.length < 2) return;
      const flags = this.inbox[0] as number;
      const long = (flags & 0x02) !== 0;
      const headLen = long ? 9 : 2;
      if (this.inbox.length < headLen) return;
      const size = long ? Number(this.inbox.readBigUInt64BE(1)) : (this.inbox[1] as number);
      if (this.inbox.length < headLen + size) return;
      const body = this.inbox.subarray(headLen, headLen + size);
      this.inbox = this.inbox.subarray(headLen + size);
      if (flags & 0x04) continue; // the peer's READY
      parts.push(body.toString('utf8'));
      if (!(flags & 0x01)) {
        const reply = parts.filter(Boolean).join('');
        if (reply) this.replies.push(reply);
        if (this.replies.length > 50) this.replies.shift();
        parts = [];
      }
    }
  }

  private flush(): void {
    if (!this.connected || !this.socket) return;
    for (const text of this.queue.splice(0)) {
      // A DEALER speaks to a REP with an empty delimiter frame first.
      this.socket.write(Buffer.concat([frame(Buffer.alloc(0), 0x01), frame(Buffer.from(text, 'utf8'), 0)]));
      this.sent++;
    }
  }

  /** "target command arg", as the zmq filter reads it. */
  send(target: string, command: string, arg: string): void {
    this.queue.push(`${target} ${command} ${arg}`);
    this.flush();
  }

  close(): void {
    this.closed = true;
    this.socket?.destroy();
    this.socket = null;
  }
}
