// Test and benchmark support: a loopback hop in front of a real RTMP ingest that reads the publisher's
// messages as they pass (each video frame's timestamp, keyframe flag and arrival time: what the ingest
// received) and can stop reading, as a congested uplink does. Not used by the studio itself.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { ChunkReader, MSG } from '../main/media/rtmp/chunks';

const HANDSHAKE_BYTES = 1 + 1536 + 1536;

export interface ReceivedFrame {
  timestamp: number;
  keyframe: boolean;
  at: number;
}

export class IngestLink {
  readonly video: ReceivedFrame[] = [];
  private readonly server: Server;
  private readonly clients = new Set<Socket>();
  private held = false;
  connections = 0;
  port = 0;

  constructor(target: number) {
    this.server = createServer((client) => {
      this.connections++;
      this.clients.add(client);
      const upstream = connect(target, '127.0.0.1');
      let skip = HANDSHAKE_BYTES;
      const reader = new ChunkReader((m) => {
        if (m.type === MSG.video && m.payload[1] === 1)
          this.video.push({
            timestamp: m.timestamp,
            keyframe: (m.payload[0] as number) >> 4 === 1,
            at: Date.now(),
          });
      });
      client.on('data', (d: Buffer) => {
        upstream.write(d);
        const rest = d.subarray(Math.min(skip, d.length));
        skip = Math.max(0, skip - d.length);
        if (rest.length) reader.push(rest);
      });
      upstream.on('data', (d: Buffer) => client.write(d));
      const end = () => {
        client.destroy();
        upstream.destroy();
        this.clients.delete(client);
      };
      client.on('close', end);
      upstream.on('close', end);
      client.on('error', end);
      upstream.on('error', end);
      if (this.held) client.pause();
    });
  }

  listen(): Promise<void> {
    return new Promise((resolve) =>
      this.server.listen(
        0,
        '127.0.0.1',
        () => ((this.port = (this.server.address() as { port: number }).port), resolve()),
      ),
    );
  }

  /** Stops (or starts again) reading from every publisher, present and future. */
  hold(on: boolean): void {
    this.held = on;
    for (const c of this.clients)
      if (on) c.pause();
      else c.resume();
  }

  close(): void {
    for (const c of this.clients) c.destroy();
    this.server.close();
  }
}

/** The largest step between consecutive frames, in stream time and in arrival time (ms). */
export function largestGaps(frames: readonly ReceivedFrame[]): { timestamp: number; arrival: number } {
  let timestamp = 0;
  let arrival = 0;
  for (let i = 1; i < frames.length; i++) {
    const [a, b] = [frames[i - 1] as ReceivedFrame, frames[i] as ReceivedFrame];
    timestamp = Math.max(timestamp, b.timestamp - a.timestamp);
    arrival = Math.max(arrival, b.at - a.at);
  }
  return { timestamp, arrival };
}
