// Content safety's test doubles for an end-to-end run: a classifier replaying scores from a JSON file
// ({ "scores": [...], "loop": false }) and a synthetic grey program, so alerts show without explicit pictures
// (which cannot live in a repository). They reach the studio through createStudio's options, never the env.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ScriptedClassifier } from './scriptedClassifier';
import { safetyScoresSchema } from '../common/safety/safetyModel';
import type { SafetyService } from '../main/safety';

const scriptSchema = z.object({ scores: z.array(safetyScoresSchema), loop: z.boolean().default(false) });

export function scriptedClassifierFromFile(file: string): ScriptedClassifier {
  const script = scriptSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  return new ScriptedClassifier(script.scores, script.loop);
}

/** Feeds the program sampler a grey 64×36 frame every 250 ms, standing in for the preview tap. */
export function feedSyntheticProgram(safety: SafetyService): () => void {
  const frame = { format: 'rgb' as const, width: 64, height: 36, data: new Uint8Array(64 * 36 * 3).fill(90) };
  const timer = setInterval(() => safety.feed({ kind: 'program' }, frame), 250);
  timer.unref?.();
  return () => clearInterval(timer);
}
