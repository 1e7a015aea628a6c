// TEST ONLY. STUDIO_SAFETY_TEST_ONLY_SCRIPT names a JSON file of scores ({ "scores": [...], "loop": false });
// when set, the studio replaces the real classifier with one replaying those scores and feeds the program
// sampler a synthetic grey frame, so an end-to-end run can show alerts without explicit pictures. Never set
// in a product build; the studio logs loudly when it is.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { safetyScoresSchema } from '../contract/safety';
import { ScriptedClassifier } from '../../common/safety/classifier';
import type { SafetyService } from './safetyService';

export const TEST_ONLY_SCRIPT_ENV = 'STUDIO_SAFETY_TEST_ONLY_SCRIPT';

const scriptSchema = z.object({ scores: z.array(safetyScoresSchema), loop: z.boolean().default(false) });

export function testOnlyScriptedClassifier(env: NodeJS.ProcessEnv = process.env): ScriptedClassifier | null {
  const file = env[TEST_ONLY_SCRIPT_ENV];
  if (!file) return null;
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
