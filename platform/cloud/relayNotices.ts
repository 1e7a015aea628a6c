// Cloud mode: the moderation notice a relayed action means, sent by the platform as the IM app admin, so studios
// and viewer pages believe it (a moderator's own notice would not be: Tencent knows no AVChatRoom moderators).
export interface ModerationNotice {
  type: 'moderation';
  action: 'mute' | 'unmute' | 'kick' | 'ban' | 'unban' | 'setModerator';
  actor: string;
  target: string;
  detail?: string;
}

/** The notices one relayed command (service/command and Tencent's body) stands for, one per target. */
export function relayNotices(command: string, body: Record<string, unknown>, actor: string): ModerationNotice[] {
  const targets = Array.isArray(body.Members_Account) ? (body.Members_Account as string[]) : [];
  const each = (action: ModerationNotice['action'], detail?: string): ModerationNotice[] =>
    targets.map((target) => ({ type: 'moderation', action, actor, target, ...(detail ? { detail } : {}) }));
  switch (command) {
    case 'group_open_http_svc/forbid_send_msg': {
      const secs = Number(body.MuteTime) || 0;
      return secs > 0 ? each('mute', `${secs} s`) : each('unmute');
    }
    case 'group_open_http_svc/ban_group_member':
      // A studio's kick is a short ban that says so (AVChatRoom has no REST kick).
      return body.Description === 'kick' ? each('kick') : each('ban', `${Number(body.Duration) || 0} s`);
    case 'group_open_http_svc/unban_group_member':
      return each('unban');
    case 'studio/set_moderator':
      return [
        {
          type: 'moderation',
          action: 'setModerator',
          actor,
          target: String(body.Member_Account),
          detail: body.Role === 'Admin' ? 'on' : 'off',
        },
      ];
    default:
      // Recalls and the room-wide mute reach every member from Tencent itself (revoked message, group tip).
      return [];
  }
}
