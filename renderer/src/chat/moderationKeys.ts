// One key per moderation action on the selected line. Pure: the screen maps the answer onto calls.
export type KeyAction =
  | { kind: 'revoke' }
  | { kind: 'mute'; seconds: number }
  | { kind: 'kick' }
  | { kind: 'ban' }
  | { kind: 'pin' }
  | { kind: 'moderator' }
  | { kind: 'card' }
  | { kind: 'move'; by: number }
  | { kind: 'latest' };

export const MUTE_CHOICES = [
  { key: 'm1', seconds: 60 },
  { key: 'm10', seconds: 600 },
  { key: 'h1', seconds: 3600 },
] as const;

export function keyAction(key: string): KeyAction | null {
  switch (key) {
    case 'Delete':
    case 'Backspace':
    case 'd':
      return { kind: 'revoke' };
    case '1':
      return { kind: 'mute', seconds: 60 };
    case '2':
      return { kind: 'mute', seconds: 600 };
    case '3':
      return { kind: 'mute', seconds: 3600 };
    case 'k':
      return { kind: 'kick' };
    case 'b':
      return { kind: 'ban' };
    case 'p':
      return { kind: 'pin' };
    case 'o':
      return { kind: 'moderator' };
    case 'Enter':
    case 'u':
      return { kind: 'card' };
    case 'ArrowUp':
      return { kind: 'move', by: -1 };
    case 'ArrowDown':
      return { kind: 'move', by: 1 };
    case 'End':
      return { kind: 'latest' };
    default:
      return null;
  }
}
