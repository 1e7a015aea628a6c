// The encode's units are made once for every push: on a real ffmpeg encode, four readers get the same
// messages (the same Buffers) as one, a late reader starts on the GOP's keyframe, and with no reader left
// the fan-out carries no demuxer.
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeProgram, type EncodedProgram } from '../../testSupport/programFeed';
import { TsDemuxer } from './rtmp/tsDemux';
import { TsFanout } from './tsFanout';
import { unitsOf, type SharedUnit } from './unitFanout';

let program: EncodedProgram;
beforeAll(async () => {
  program = await encodeProgram(5, '320x180', 800);
}, 60000);

function feed(fanout: TsFanout, from: number, to: number): void {
  const at = (s: number) => Math.floor((program.ts.length * s) / program.seconds / 188) * 188;
  for (let o = at(from); o < at(to); o += 188 * 40) fanout.push(program.ts.subarray(o, Math.min(at(to), o + 188 * 40)));
}

describe('units shared by every push', () => {
  it('demuxes once for four readers, each getting the same messages, and starts a late one on a keyframe', () => {
    const fanout = new TsFanout();
    const units = unitsOf(fanout);
    const got: SharedUnit[][] = [[], [], [], []];
    const leave = got.slice(0, 3).map((list) => units.subscribe((u) => list.push(u)));
    feed(fanout, 0, 2.5);
    // The late reader joins mid-GOP (2 s GOPs): the cached GOP first, from its keyframe.
    leave.push(unitsOf(fanout).subscribe((u) => got[3]?.push(u)));
    expect(got[3]?.[0]).toMatchObject({ kind: 'video', keyframe: true });
    expect((got[3]?.[0]?.dts ?? 0) - (got[0]?.[0]?.dts ?? 0)).toBeCloseTo(2000, -2);
    feed(fanout, 2.5, 5);

    // What a demuxer of its own would have made from the same bytes, once.
    const own: { kind: string; dts: number; size: number }[] = [];
    new TsDemuxer((u) => own.push({ kind: u.kind, dts: u.dts, size: u.data.length })).push(program.ts);
    const [first, , , late] = got as [SharedUnit[], SharedUnit[], SharedUnit[], SharedUnit[]];
    expect(units.units).toBe(first.length);
    expect(first.map((u) => [u.kind, u.dts])).toEqual(own.slice(0, first.length).map((u) => [u.kind, u.dts]));
    for (const list of got.slice(1, 3)) expect(list.every((u, i) => u === first[i])).toBe(true);
    expect(late.every((u) => first.includes(u))).toBe(true);
    // FLV bodies: a 5-byte video tag header or a 2-byte AAC one in front of each unit's data.
    const video = first.find((u) => u.kind === 'video') as SharedUnit;
    expect(video.message.payload.length).toBe((own.find((u) => u.kind === 'video')?.size ?? 0) + 5);
    expect(video.headers.video?.[0]).toBe(0x17);

    expect(fanout.outputs).toBe(1);
    for (const l of leave) l();
    expect(fanout.outputs).toBe(0);
    expect(unitsOf(fanout)).not.toBe(units);
  });
});
