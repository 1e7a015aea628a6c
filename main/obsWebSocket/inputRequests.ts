// Inputs (the studio's sound channels): list, mute and volume, written through scenes.update as the mixer
// writes them, so the compositor's running graph changes by command and nothing restarts.
import type { ScenesState } from '../contract/scenes';
import { dbToMul, listInputs, mulToDb, withInputMix, type InputView } from './inputs';
import { RequestStatus } from './protocol';
import {
  optionalNumber,
  optionalString,
  RequestFailure,
  requiredBoolean,
  type RequestContext,
  type RequestHandler,
} from './requestTypes';

/** The mixer's gain range (the scene contract's), in dB. */
const MIN_DB = -60;
const MAX_DB = 20;

function findInput(state: ScenesState, d: Record<string, unknown>): InputView {
  const name = optionalString(d, 'inputName');
  const uuid = optionalString(d, 'inputUuid');
  if (name === undefined && uuid === undefined)
    throw new RequestFailure(RequestStatus.MissingRequestField, 'inputName or inputUuid is missing.');
  const inputs = listInputs(state);
  let input = inputs.find((i) => (uuid !== undefined ? i.uuid === uuid : i.name === name));
  if (!input && uuid !== undefined) {
    // Any scene's channel id names its input too, not only the one that stands for it.
    const channel = state.scenes.flatMap((s) => [...(s.audio ?? []), ...s.items]).find((c) => c.id === uuid);
    input = inputs.find((i) => i.name === channel?.name);
  }
  if (!input)
    throw new RequestFailure(
      RequestStatus.ResourceNotFound,
      `No input with sound named ${JSON.stringify(uuid ?? name)}.`,
    );
  return input;
}

async function setMuted(ctx: RequestContext, state: ScenesState, input: InputView, muted: boolean): Promise<void> {
  for (const scene of withInputMix(state, input.name, (mix) => ({ ...mix, muted })))
    await ctx.call('scenes.update', { scene });
}

export const inputRequests: Record<string, RequestHandler> = {
  async GetInputList(d, ctx) {
    const kind = optionalString(d, 'inputKind');
    const inputs = listInputs(await ctx.call('scenes.state', {})).filter((i) => kind === undefined || i.kind === kind);
    return {
      inputs: inputs.map((i) => ({
        inputName: i.name,
        inputUuid: i.uuid,
        inputKind: i.kind,
        unversionedInputKind: i.kind,
      })),
    };
  },
  async GetInputMute(d, ctx) {
    return { inputMuted: findInput(await ctx.call('scenes.state', {}), d).muted };
  },
  async SetInputMute(d, ctx) {
    const state = await ctx.call('scenes.state', {});
    const input = findInput(state, d);
    await setMuted(ctx, state, input, requiredBoolean(d, 'inputMuted'));
  },
  async ToggleInputMute(d, ctx) {
    const state = await ctx.call('scenes.state', {});
    const input = findInput(state, d);
    await setMuted(ctx, state, input, !input.muted);
    return { inputMuted: !input.muted };
  },
  async GetInputVolume(d, ctx) {
    const input = findInput(await ctx.call('scenes.state', {}), d);
    return { inputVolumeMul: dbToMul(input.gainDb), inputVolumeDb: input.gainDb };
  },
  async SetInputVolume(d, ctx) {
    const state = await ctx.call('scenes.state', {});
    const input = findInput(state, d);
    const mul = optionalNumber(d, 'inputVolumeMul');
    const db = optionalNumber(d, 'inputVolumeDb');
    if (mul === undefined && db === undefined)
      throw new RequestFailure(RequestStatus.MissingRequestField, 'inputVolumeMul or inputVolumeDb is missing.');
    if (mul !== undefined && db !== undefined)
      throw new RequestFailure(RequestStatus.InvalidRequestField, 'Give inputVolumeMul or inputVolumeDb, not both.');
    const gainDb = db ?? (mul! > 0 ? mulToDb(mul!) : -Infinity);
    if (!(gainDb >= MIN_DB && gainDb <= MAX_DB))
      throw new RequestFailure(
        RequestStatus.RequestFieldOutOfRange,
        `The studio's mixer takes ${MIN_DB} to ${MAX_DB} dB (${dbToMul(MIN_DB)} to ${dbToMul(MAX_DB)} as a multiplier).`,
      );
    for (const scene of withInputMix(state, input.name, (m) => ({ ...m, gainDb: Math.round(gainDb * 100) / 100 })))
      await ctx.call('scenes.update', { scene });
  },
};
