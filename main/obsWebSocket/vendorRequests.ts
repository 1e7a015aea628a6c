// CallVendorRequest for what the studio has and OBS lacks: beauty, co-host guests, PK (another VJ beside
// the host, through co-host) and chat moderation. Each vendor request is one studio call, validated there.
import type { CallInput, CallName } from '../contract';
import { RequestStatus } from './protocol';
import { optionalString, RequestFailure, type RequestContext, type RequestHandler } from './requestTypes';

export const VENDOR_NAME = 'vj-studio';

type VendorRequest = (data: Record<string, unknown>, ctx: RequestContext) => Promise<unknown>;

/** One studio call with the vendor request's data as its input. */
const passThrough =
  <N extends CallName>(name: N): VendorRequest =>
  (data, ctx) =>
    ctx.call(name, data as CallInput<N>);

export const vendorRequests: Record<string, VendorRequest> = {
  GetBeauty: async (_d, ctx) => (await ctx.call('media.status', {})).beauty,
  SetBeauty: passThrough('media.setBeauty'),
  CohostList: passThrough('cohost.list'),
  CohostInvite: passThrough('cohost.invite'),
  CohostCancel: passThrough('cohost.cancel'),
  CohostAcceptRequest: passThrough('cohost.acceptRequest'),
  CohostDeclineRequest: passThrough('cohost.declineRequest'),
  CohostRemove: passThrough('cohost.remove'),
  CohostMute: passThrough('cohost.mute'),
  CohostSetLayout: passThrough('cohost.setLayout'),
  // PK: another VJ side by side with the host.
  PkStart: async (data, ctx) => {
    await ctx.call('cohost.setLayout', { layout: 'sideBySide' });
    return ctx.call('cohost.invite', data as CallInput<'cohost.invite'>);
  },
  PkEnd: passThrough('cohost.remove'),
  ChatSend: passThrough('chat.send'),
  ChatModerate: passThrough('chat.moderate'),
  ChatModerationLog: passThrough('chat.moderationLog'),
};

export const callVendorRequest: RequestHandler = async (d, ctx) => {
  const vendorName = optionalString(d, 'vendorName');
  const requestType = optionalString(d, 'requestType');
  if (vendorName === undefined) throw new RequestFailure(RequestStatus.MissingRequestField, 'vendorName is missing.');
  if (requestType === undefined) throw new RequestFailure(RequestStatus.MissingRequestField, 'requestType is missing.');
  if (vendorName !== VENDOR_NAME)
    throw new RequestFailure(RequestStatus.ResourceNotFound, `No vendor named "${vendorName.slice(0, 80)}".`);
  const run = Object.hasOwn(vendorRequests, requestType) ? vendorRequests[requestType] : undefined;
  if (!run)
    throw new RequestFailure(
      RequestStatus.ResourceNotFound,
      `The vendor ${VENDOR_NAME} has no request named "${requestType.slice(0, 80)}".`,
    );
  const requestData = d.requestData ?? {};
  if (typeof requestData !== 'object' || requestData === null || Array.isArray(requestData))
    throw new RequestFailure(RequestStatus.InvalidRequestFieldType, 'requestData must be an object.');
  const value = await run(requestData as Record<string, unknown>, ctx);
  const responseData =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { value };
  return { vendorName, requestType, responseData };
};
