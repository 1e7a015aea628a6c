// An experiment for bench:media (--frame-read socket): the compositor writes its raw frames into a Unix socket
// that this process reads with net's `onread`, straight into frame-sized buffers
// it reuses once the encoder's pipe has taken them: no buffer allocated, zero-filled and shrunk per read, and
// reads as large as the socket holds instead of Node's 64 KB. Each frame is one Buffer written to the
// encoder. The studio's relay cannot take this as is: it keeps frames by reference (the last frame repeated,
// transitions, derived encodes), so reusing a buffer would need those references counted.
import net from 'node:net';
import type { Writable } from 'node:stream';

/**
 * `childEnd` goes to the compositor as its stdout (the parent's copy destroyed after the spawn). Buffers in
 * flight stay few: reading pauses while the encoder's pipe holds more than a frame.
 */
export async function frameSocket(path: string, size: number) {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(path, () => r()));
  const accepted = new Promise<net.Socket>((r) => server.once('connection', r));
  let sink: Writable | null = null;
  let cur: Buffer | null = null;
  let filled = 0;
  const free: Buffer[] = [];
  const reader = net.connect({
    path,
    onread: {
      buffer: () => {
        cur ??= Buffer.allocUnsafeSlow(size);
        return cur.subarray(filled);
      },
      callback: (n: number) => {
        filled += n;
        if (!sink || !cur || filled < size) return true;
        const f = cur;
        sink.write(f, () => free.push(f));
        cur = free.pop() ?? Buffer.allocUnsafeSlow(size);
        filled = 0;
        if (sink.writableLength > size) {
          sink.once('drain', () => reader.resume());
          return false;
        }
        return true;
      },
    },
  });
  reader.on('error', () => {});
  const childEnd = await accepted;
  server.close();
  return {
    childEnd,
    readInto(to: Writable) {
      sink = to;
      reader.on('end', () => to.end());
    },
  };
}
