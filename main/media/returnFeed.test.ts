// The return feed's parts that decide what a party hears and when: sound paced by the program's frames with
// silence where none came, a bounded wait (no latency builds up), one feed per party however calls overlap,
// and a live attachment to the one encode that starts at a keyframe with nothing cached.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PacedSound, ReturnFeed, ReturnFeeds, returnFeedArgs } from './returnFeed';
import { TsFanout, VIDEO_PID } from './tsFanout';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One 188-byte TS packet of a PID; a video keyframe start when asked. */
function packet(pid: number, keyframe = false, fill = 0): Buffer {
  const b = Buffer.alloc(188, fill);
  b[0] = 0x47;
  b[1] = (keyframe ? 0x40 : 0) | ((pid >> 8) & 0x1f);
  b[2] = pid & 0xff;
  if (keyframe) {
    b[3] = 0x30; // adaptation field and payload
    b[4] = 7;
    b[5] = 0x40; // random access
  } else b[3] = 0x10;
  return b;
}

describe('the return feed', () => {
  it("paces sound by the program's frames, filling silence, keeping at most 200 ms waiting", () => {
    const out = new PassThrough();
    let written = Buffer.alloc(0);
    out.on('data', (d: Buffer) => (written = Buffer.concat([written, d])));
    const sound = new PacedSound(() => out);
    const frameShare = (48000 * 4) / 30;
    sound.push(Buffer.alloc(1000, 1)); // before start: not kept
    sound.advance(frameShare); // before start: nothing goes out
    sound.start();
    sound.push(Buffer.alloc(48000 * 4, 7)); // a second at once: only the newest 200 ms wait
    // Half a second of frames, however long they took: the sound keeps the frames' clock, not the wall's.
    for (let i = 0; i < 15; i++) sound.advance(frameShare);
    sound.stop();
    sound.advance(frameShare); // stopped: nothing more
    expect(written.length).toBe(15 * frameShare);
    const sent = written.filter((x) => x === 7).length / (48000 * 4);
    expect(sent).toBeCloseTo(0.2, 3);
    expect(written.includes(1)).toBe(false);
    expect(sound.silentBytes).toBe(15 * frameShare - 0.2 * 48000 * 4);
  });

  it('starts one feed per party when calls overlap, and replaces it for a new address', async () => {
    const made: string[] = [];
    const feeds = new ReturnFeeds((url) => {
      made.push(url);
      return new ReturnFeed({ ffmpegPath: 'ffmpeg', url, fanout: () => null });
    });
    await Promise.all([feeds.set('ann', 'rtmp://a'), feeds.set('ann', 'rtmp://a'), feeds.set('ann', 'rtmp://a')]);
    expect(made).toEqual(['rtmp://a']);
    await feeds.set('ann', 'rtmp://b');
    expect(made).toEqual(['rtmp://a', 'rtmp://b']);
    expect(feeds.get('ann')?.url).toBe('rtmp://b');
    await feeds.set('ann', null);
    expect(feeds.get('ann')).toBeUndefined();
    await feeds.stopAll();
  });

  /** Feeds that record their starts and stops; feed `held`'s stop waits for release() (an ffmpeg slow to go). */
  function recordingFeeds(held = 1, failing = 0) {
    const events: string[] = [];
    let release = () => {};
    let made = 0;
    const feeds = new ReturnFeeds((url) => {
      const n = ++made;
      const f = new ReturnFeed({ ffmpegPath: 'ffmpeg', url, fanout: () => null });
      const [start, stop] = [f.start.bind(f), f.stop.bind(f)];
      f.start = () => {
        events.push(`start ${n}`);
        start();
      };
      f.stop = async () => {
        events.push(`stopping ${n}`);
        if (n === held) await new Promise<void>((r) => (release = r));
        await stop();
        if (n === failing) throw new Error(`feed ${n} could not stop`);
        events.push(`stopped ${n}`);
      };
      return f;
    });
    return { feeds, events, release: () => release() };
  }

  it("starts a party's new feed only once its last one has stopped (a PK partner unlinked and linked again)", async () => {
    const { feeds, events, release } = recordingFeeds();
    await feeds.set('ann', 'rtmp://a');
    const off = feeds.set('ann', null);
    const on = feeds.set('ann', 'rtmp://a');
    await sleep(50);
    expect(events).toEqual(['start 1', 'stopping 1']);
    expect(feeds.addressesLeaving).toBe(1);
    release();
    await Promise.all([off, on]);
    expect(events).toEqual(['start 1', 'stopping 1', 'stopped 1', 'start 2']);
    expect(feeds.get('ann')?.url).toBe('rtmp://a');
    await sleep(0);
    expect(feeds.addressesLeaving).toBe(0); // nothing left behind to hold up a later rejoin
    await feeds.stopAll();
  });

  it('waits for the feed that was on the same address whoever it was for (the link moving to another partner)', async () => {
    const { feeds, events, release } = recordingFeeds();
    await feeds.set('ann', 'rtmp://link');
    await feeds.set('cat', 'rtmp://other');
    const moved = Promise.all([feeds.set('ann', null), feeds.set('bob', 'rtmp://link'), feeds.set('cat', null)]);
    await sleep(50);
    expect(events).toEqual(['start 1', 'start 2', 'stopping 1', 'stopping 2', 'stopped 2']);
    release();
    await moved;
    expect(events.slice(5)).toEqual(['stopped 1', 'start 3']);
    expect(feeds.get('bob')?.url).toBe('rtmp://link');
    await feeds.stopAll();
  });

  it('starts the new feed, forgets the address and tells the caller when an old feed fails to stop', async () => {
    const { feeds, events } = recordingFeeds(0, 1);
    await feeds.set('ann', 'rtmp://a');
    const off = feeds.set('ann', null);
    const on = feeds.set('ann', 'rtmp://a');
    await expect(off).rejects.toThrow('feed 1 could not stop');
    await on;
    expect(events).toEqual(['start 1', 'stopping 1', 'start 2']);
    await sleep(0);
    expect(feeds.addressesLeaving).toBe(0);
    // Off and on again for the same party later: nothing stale holds it up.
    const again = Promise.all([feeds.set('ann', null), feeds.set('ann', 'rtmp://a')]);
    await again;
    expect(events.slice(3)).toEqual(['stopping 2', 'stopped 2', 'start 3']);
    await feeds.stopAll();
  });

  it('attaches live to the one encode: the tables, then from the next video keyframe, nothing cached', () => {
    const fanout = new TsFanout();
    const pat = packet(0);
    fanout.push(Buffer.concat([pat, packet(VIDEO_PID, true, 0xaa), packet(VIDEO_PID, false, 0xab)]));
    const stream = new PassThrough();
    const got: Buffer[] = [];
    stream.on('data', (d: Buffer) => got.push(d));
    let started = 0;
    fanout.attach({ name: 't', stream, onOverflow: () => {}, live: { started: false, onStart: () => started++ } });
    // An audio packet marked random-access is not where video starts.
    fanout.push(Buffer.concat([packet(0x101, true), packet(VIDEO_PID, false, 0xac)]));
    expect(got).toHaveLength(0);
    fanout.push(Buffer.concat([packet(VIDEO_PID, false, 0xad), packet(VIDEO_PID, true, 0xae), packet(VIDEO_PID)]));
    expect(started).toBe(1);
    const all = Buffer.concat(got);
    expect(all.subarray(0, 188)).toEqual(pat);
    expect(all.length).toBe(3 * 188); // the table, the keyframe and what follows it
    expect(all[188 + 6]).toBe(0xae);
    expect(returnFeedArgs('rtmp://x/live/y')).toEqual(
      expect.arrayContaining(['-c:v', 'copy', 'pipe:3', 'rtmp://x/live/y']),
    );
  });
});
