// The compositor's print pipe has one reader: a real ffmpeg graph printing a meter's readings and the program
// frames' times on the same fd 4, read once, hands each meter reading to the levels and each frame's time to the
// frame times, in order, whatever size the pipe's chunks come in.
import { spawn } from 'node:child_process';
import { PassThrough, type Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AudioMeters, readMeters, type MeterReading } from './audioLevels';
import { frameTimeChain, readFrameTimes } from './frameTimes';
import { PrintedFrames } from './printedFrames';

/** Two seconds of a 30 fps picture and a metered tone, both printing on fd 4; resolves with all fd 4 printed. */
function printBoth(meters: AudioMeters): { pipe: Readable; done: Promise<string> } {
  const graph =
    `sine=f=440:r=48000${meters.chain('tone')}[a];` + `testsrc2=s=160x90:r=30,${frameTimeChain()},format=gray[v]`;
  const child = spawn(
    'ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-filter_complex', graph, '-map', '[v]', '-map', '[a]', '-t', '2'].concat([
      '-f',
      'null',
      '-',
    ]),
    { stdio: ['ignore', 'ignore', 'pipe', 'ignore', 'pipe'] },
  );
  const pipe = child.stdio[4] as Readable;
  const copy = new PassThrough();
  let text = '';
  pipe.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    copy.write(chunk);
  });
  const done = new Promise<string>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`ffmpeg exited with ${code}`))));
  });
  pipe.on('end', () => copy.end());
  return { pipe: copy, done };
}

function readBoth(printed: PrintedFrames, meters: AudioMeters) {
  const times: number[] = [];
  const levels: MeterReading[] = [];
  const stopTimes = readFrameTimes(printed, (us) => times.push(us));
  const stopLevels = readMeters(printed, meters.ids, (r) => levels.push(r));
  return { times, levels, stop: () => (stopTimes(), stopLevels()) };
}

const settle = () => new Promise((r) => setTimeout(r, 30));

describe('the print pipe, read once', () => {
  it('gives the meter its readings and the relay every frame time from one listener on the pipe', async () => {
    const meters = new AudioMeters();
    const { pipe, done } = printBoth(meters);
    const printed = PrintedFrames.read(pipe);
    const got = readBoth(printed, meters);
    const text = await done;
    await settle();
    got.stop();
    expect(pipe.listenerCount('data')).toBe(1);
    // The real text interleaves both kinds of block.
    expect(text).toContain('vj_meter=0');
    expect(text).toContain('vj_frame=1');
    // Every frame of 2 s at 30 fps (the graph's -t lets one more through), 1/30 s apart in µs, in order.
    expect(got.times.length).toBeGreaterThanOrEqual(60);
    expect(got.times.length).toBeLessThanOrEqual(61);
    got.times.forEach((us, k) => expect(us).toBeCloseTo((k * 1e6) / 30, -1));
    // The tone's meter (sine's amplitude 1/8, -21 dBFS a side): 10 readings a second, each the tone's (not silence).
    expect(got.levels.length).toBeGreaterThanOrEqual(19);
    expect(got.levels.every((r) => r.id === 'tone' && r.peakDb > -30 && r.rmsDb < r.peakDb)).toBe(true);
  });

  it('reads the same blocks from chunks of any size', async () => {
    const meters = new AudioMeters();
    const { done } = printBoth(meters);
    const text = await done;
    const frames = text.split('vj_frame=1').length - 1;
    expect(frames).toBeGreaterThanOrEqual(60);
    for (const size of [1, 7, 97, 4096]) {
      const printed = new PrintedFrames();
      const got = readBoth(printed, meters);
      for (let i = 0; i < text.length; i += size) printed.push(text.slice(i, i + size));
      await settle();
      got.stop();
      expect(got.times).toHaveLength(frames);
      expect(got.levels.length).toBeGreaterThanOrEqual(19);
    }
  });

  it('hands on nothing once its reader stops, and a block with no reader is passed over', () => {
    const printed = new PrintedFrames();
    const times: number[] = [];
    const stop = readFrameTimes(printed, (us) => times.push(us));
    printed.push('frame:0 pts:0 pts_time:0\nvj_other=1\nframe:1 pts:33333 pts_time:0.033333\nvj_frame=1\n');
    expect(times).toEqual([33333]);
    stop();
    printed.push('frame:2 pts:66667 pts_time:0.066667\nvj_frame=1\n');
    expect(times).toEqual([33333]);
  });
});
