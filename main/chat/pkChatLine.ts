// The chat line a PK battle's start and result make in the room: names, scores and a sign, so it reads the same
// in English and Chinese. Only the platform's signal makes it (customMessages checks the speaker first).
import { parsePkSignal } from '../../common/platformApi/pkSchemas';

/** The line for a battle that started or ended; null for every other PK signal (scores, invitations). */
export function pkChatLine(data: string): string | null {
  const signal = parsePkSignal(data);
  if (signal?.event !== 'battle') return null;
  const { a, b, status, winner } = signal.battle;
  const score = `${a.nickname} ${a.score} : ${b.score} ${b.nickname}`;
  if (status === 'running' && a.score === 0 && b.score === 0) return `PK ⚔ ${a.nickname} vs ${b.nickname}`;
  if (status !== 'ended') return null;
  const result = winner === 'draw' ? '🤝' : `🏆 ${winner === 'a' ? a.nickname : b.nickname}`;
  return `PK ${score} · ${result}`;
}
