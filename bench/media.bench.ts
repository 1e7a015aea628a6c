// npm run bench:media [-- --seconds N --rounds R]: in one run, bare ffmpeg against the studio pipeline at
// 720p30 and 1080p30, beauty off and on (level 5), and push + record + preview at once; realtime factor and
// CPU seconds per second of video for each, then the ratios and where the full studio run's CPU goes per stage
// (mediaBreakdown.ts). The last line is the RESULT; studio_vs_bare_cpu is what a VJ runs (beauty 5 + push,
// record and preview) over the bare encode; floor_vs_bare_cpu is the same work in one ffmpeg process
// (mediaFloor.ts), what any process shape would still spend.
//
// This machine's CPU time for the same work moves by up to a third from one minute to the next (other
// guests on the host), so every configuration runs once per round, the rounds interleave them, each ratio is
// taken within its round (on/off of the same round), and the figures reported are the medians over rounds.
import type { Beauty } from '../main/contract/media';
import type { Scene } from '../main/contract/scene';
import { neutralBeauty } from '../main/media/beautyFilter';
import { presets } from '../main/media/presets';
import { RtmpTestServer } from '../testSupport/rtmpTestServer';
import { breakdown, kernelShare, printBreakdown, type KernelPart, type Stage } from './mediaBreakdown';
import { runFloor } from './mediaFloor';
import {
  argNumber,
  argSeconds,
  median,
  report,
  runBare,
  runPipeline,
  type PipelineRunResult,
  type RunResult,
} from './mediaPipelineRun';

const seconds = argSeconds(15);
const rounds = argNumber('--rounds', 3);
// --frame-read socket: the studio runs take the compositor's frames as frameSocket.ts does (an experiment).
const frameRead = process.argv[process.argv.indexOf('--frame-read') + 1] === 'socket' ? 'socket' : 'pipe';
const level5: Beauty = { smoothing: 5, whitening: 5, ruddiness: 5, sharpness: 0, mirror: false };

function cameraScene(width: number, height: number, beauty: boolean): Scene {
  return {
    id: 'bench',
    name: 'camera',
    items: [
      {
        id: 'cam',
        name: 'camera',
        source: { kind: 'camera', deviceId: 'test', beauty },
        rect: { x: 0, y: 0, width, height },
        crop: { top: 0, right: 0, bottom: 0, left: 0 },
        opacity: 1,
        visible: true,
        locked: false,
      },
    ],
  };
}

const runs: Record<string, RunResult[]> = {};
const keep = <R extends RunResult>(key: string, r: R): R => {
  report(r);
  (runs[key] ??= []).push(r);
  return r;
};
const ratios = {
  beauty: [] as number[],
  outputs: [] as number[],
  off1080: [] as number[],
  off720: [] as number[],
  studioVsBare: [] as number[],
  floorVsBare: [] as number[],
};
const stagesByRound: Record<Stage, number>[] = [];
const kernelByRound: Record<KernelPart, number>[] = [];

console.log(
  `bench:media — ${seconds} s of video per run, ${rounds} rounds, x264 veryfast CBR, testsrc2 + tone, frames read from a ${frameRead}`,
);
const server = await RtmpTestServer.create();
try {
  for (let round = 1; round <= rounds; round++) {
    console.log(`— round ${round} of ${rounds}`);
    const of: Record<string, RunResult> = {};
    const studioOn: Record<string, PipelineRunResult> = {};
    for (const id of ['720p30', '1080p30'] as const) {
      const p = presets[id];
      of[`bare_${id}`] = keep(`bare_${id}`, await runBare(`bare ffmpeg ${id}`, p, seconds));
      of[`off_${id}`] = keep(
        `off_${id}`,
        await runPipeline({
          name: `studio ${id} beauty off`,
          preset: p,
          scene: cameraScene(p.width, p.height, false),
          beauty: neutralBeauty,
          seconds,
          frameRead,
        }),
      );
      of[`on_${id}`] = studioOn[id] = keep(
        `on_${id}`,
        await runPipeline({
          name: `studio ${id} beauty 5`,
          preset: p,
          scene: cameraScene(p.width, p.height, true),
          beauty: level5,
          seconds,
          frameRead,
        }),
      );
    }
    const p = presets['1080p30'];
    const outputs = await runPipeline({
      name: 'studio 1080p30 beauty 5 + push/record/preview',
      preset: p,
      scene: cameraScene(p.width, p.height, true),
      beauty: level5,
      seconds,
      outputs: { pushUrl: server.url('live/bench') },
      frameRead,
    });
    keep('outputs', outputs);
    if (!outputs.push?.live) throw new Error('The push never went live: the outputs figure would not include it.');
    console.log(
      `${''.padEnd(34)} push: live on ${server.url('live/bench')}, ${outputs.push.dropped} video frames dropped`,
    );
    console.log(
      `${''.padEnd(34)} preview: ${outputs.previewFrames} JPEGs from the compositor (${(outputs.previewFrames / seconds).toFixed(1)} per s of video)`,
    );
    const publishesBefore = server.publishes;
    const floor = keep(
      'floor',
      await runFloor({
        name: 'one ffmpeg: beauty 5 + push/record/preview',
        preset: p,
        scene: cameraScene(p.width, p.height, true),
        beauty: level5,
        seconds,
        pushUrl: server.url('live/floor'),
      }),
    );
    if (server.publishes <= publishesBefore) throw new Error('The one-process push never went live.');
    console.log(
      `${''.padEnd(34)} (the floor: the studio's compositor graph and encoder arguments, tee to the push and the recording; ${floor.previewFrames} JPEGs, ${(floor.recordedBytes / 1e6).toFixed(1)} MB recorded)`,
    );
    const cpu = (k: string) => (of[k] as RunResult).cpuPerVideoSecond;
    ratios.beauty.push(cpu('on_1080p30') / cpu('off_1080p30'));
    ratios.outputs.push(outputs.cpuPerVideoSecond / cpu('on_1080p30'));
    ratios.off1080.push(cpu('off_1080p30') / cpu('bare_1080p30'));
    ratios.off720.push(cpu('off_720p30') / cpu('bare_720p30'));
    ratios.studioVsBare.push(outputs.cpuPerVideoSecond / cpu('bare_1080p30'));
    ratios.floorVsBare.push(floor.cpuPerVideoSecond / cpu('bare_1080p30'));
    const at1080 = (k: string) => of[`${k}_1080p30`] as RunResult;
    const roundRuns = { off: at1080('off'), on: studioOn['1080p30'] as PipelineRunResult, outputs };
    stagesByRound.push(breakdown(roundRuns));
    kernelByRound.push(kernelShare(roundRuns));
    console.log(
      `round ${round}: beauty on/off ${ratios.beauty.at(-1)?.toFixed(3)}, outputs/one encode ${ratios.outputs.at(-1)?.toFixed(3)}, studio/bare ${ratios.studioVsBare.at(-1)?.toFixed(3)}, one-process floor/bare ${ratios.floorVsBare.at(-1)?.toFixed(3)}`,
    );
  }
} finally {
  await server.kill();
}

console.log(`— medians over ${rounds} rounds`);
for (const rs of Object.values(runs)) {
  console.log(
    `${(rs[0] as RunResult).name.padEnd(46)} speed ${median(rs.map((r) => r.speed)).toFixed(2)}x  cpu ${median(rs.map((r) => r.cpuPerVideoSecond)).toFixed(3)} s per s of video  (rounds: ${rs.map((r) => r.cpuPerVideoSecond.toFixed(3)).join(', ')})`,
  );
}
const list = (xs: number[]) => xs.map((x) => x.toFixed(3)).join(', ');
console.log(
  `studio beauty off vs bare ffmpeg, 1080p30: ${median(ratios.off1080).toFixed(3)}x CPU (rounds: ${list(ratios.off1080)})`,
);
console.log(
  `studio beauty off vs bare ffmpeg, 720p30: ${median(ratios.off720).toFixed(3)}x CPU (rounds: ${list(ratios.off720)})`,
);
console.log(`beauty 5 vs off, 1080p30: ${median(ratios.beauty).toFixed(3)}x CPU (rounds: ${list(ratios.beauty)})`);
console.log(
  `push + record + preview vs one encode, 1080p30: ${median(ratios.outputs).toFixed(3)}x CPU (rounds: ${list(ratios.outputs)})`,
);
console.log(
  `beauty 5 + push/record/preview vs bare ffmpeg, 1080p30: ${median(ratios.studioVsBare).toFixed(3)}x CPU (rounds: ${list(ratios.studioVsBare)})`,
);
console.log(
  `the same in one ffmpeg process (the floor) vs bare ffmpeg, 1080p30: ${median(ratios.floorVsBare).toFixed(3)}x CPU (rounds: ${list(ratios.floorVsBare)})`,
);
printBreakdown(
  stagesByRound,
  (runs.bare_1080p30 ?? []).map((r) => r.cpuPerVideoSecond),
  kernelByRound,
);
const speed = median((runs.on_1080p30 ?? []).map((r) => r.speed));
console.log(
  `RESULT speed_1080p_beauty=${speed.toFixed(2)} beauty_cpu_ratio_1080p=${median(ratios.beauty).toFixed(3)} outputs_cpu_ratio=${median(ratios.outputs).toFixed(3)} studio_vs_bare_cpu=${median(ratios.studioVsBare).toFixed(3)} floor_vs_bare_cpu=${median(ratios.floorVsBare).toFixed(3)}`,
);
