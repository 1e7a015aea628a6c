// Free loopback UDP port pairs for ffmpeg's RTP input, which binds the port the SDP names and the next one
// (RTCP). Both are probed free, then released just before ffmpeg takes them.
import { createSocket, type Socket } from 'node:dgram';

function bind(port: number): Promise<Socket | null> {
  return new Promise((done) => {
    const s = createSocket('udp4');
    s.once('error', () => {
      s.close();
      done(null);
    });
    s.bind(port, '127.0.0.1', () => done(s));
  });
}

/** An even port P with P and P+1 free on 127.0.0.1 (as RTP/RTCP pairs usually are). */
export async function freeUdpPair(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const first = await bind(0);
    if (!first) continue;
    const port = first.address().port;
    first.close();
    const p = port % 2 === 0 ? port : port + 1;
    if (p + 1 > 65535) continue;
    const a = await bind(p);
    const b = a && (await bind(p + 1));
    a?.close();
    b?.close();
    if (a && b) return p;
  }
  throw new Error('No free UDP ports on 127.0.0.1 for the guest bridge.');
}
