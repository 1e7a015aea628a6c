// Types of ./startPlan.mjs (plain JavaScript so that `npm start` needs nothing built or compiled to run).
export declare const NATIVE_MODULES: readonly string[];
export interface NativeTarget {
  electronVersion: string;
  abi: string | null;
  platform: string;
  arch: string;
  modules: Record<string, string>;
}
export type NativeResult = { ok: true; sqliteBinding: string } | { ok: false; electronVersion: string; reason: string };
export declare function packageBin(
  pkgJson: { name?: string; bin?: string | Record<string, string> },
  pkgDir: string,
  name: string,
): string;
export declare function needsBuild(input: { builtMtimeMs: number | null; newestSourceMtimeMs: number }): boolean;
export declare function electronNativeTarget(input: {
  electronVersion: string;
  abi: string | null;
  platform: string;
  arch: string;
  moduleVersions: Record<string, string>;
}): NativeTarget;
export declare function electronNativeAction(input: {
  target: NativeTarget;
  stamp: NativeTarget | null;
  bindingsPresent: boolean;
}): 'ready' | 'build';
export declare function chooseRuntime(input: {
  forceHeadless: boolean;
  electronExe: string | null;
  native: NativeResult | null;
}): { runtime: 'electron' | 'headless'; note: string | null };
export declare function nativeFailureReason(err: unknown): string;
export declare function electronEnv(baseEnv: NodeJS.ProcessEnv, sqliteBinding: string | null): NodeJS.ProcessEnv;
