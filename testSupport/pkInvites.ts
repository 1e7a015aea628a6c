// PK invitations through the platform's API, sent and answered as a VJ's studio does, for tests of the platform's PK.
import { api } from './platform';

/** The holder of `token` (a VJ live in their own room) invites room `toRoomId` to link up. */
export function pkInvite(base: string, token: string, toRoomId: string) {
  return api<{ inviteId: string }>(base, 'POST', '/api/v1/pk/invites', { toRoomId }, token);
}

/** The holder of `token` accepts, declines or (as its sender) cancels an invitation. */
export function answerPkInvite(base: string, inviteId: string, answer: 'accept' | 'decline' | 'cancel', token: string) {
  return api(base, 'POST', `/api/v1/pk/invites/${inviteId}/${answer}`, {}, token);
}
