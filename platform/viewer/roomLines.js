// The lines of a room's chat list: appending (kept to the last 300, following the bottom), system lines, gifts and
// PK battles in the page's language. Text from the network is set with textContent, never as markup.
/* global document */
import { el } from './dom.js';
import { currentLang, t } from './strings.js';

const $ = (id) => document.getElementById(id);

export function addLine(node) {
  const list = $('messages');
  const stick = list.scrollTop + list.clientHeight >= list.scrollHeight - 30;
  list.append(node);
  while (list.children.length > 300) list.firstElementChild.remove();
  if (stick) list.scrollTop = list.scrollHeight;
}

export function systemLine(text) {
  addLine(el('li', 'system', text));
}

/** A PK battle's start and result as a line in this room's language; score updates make no line. */
export function renderPk(data, roomId) {
  const b = data.event === 'battle' ? data.battle : null;
  if (!b?.a || !b?.b) return;
  const names = { a: b.a.nickname, b: b.b.nickname, sa: b.a.score, sb: b.b.score };
  if (b.status === 'running' && b.a.score === 0 && b.b.score === 0) {
    const host = roomId === b.b.roomId ? b.b.nickname : b.a.nickname;
    return systemLine(t('pkStarted', { ...names, host }));
  }
  if (b.status !== 'ended') return;
  if (b.winner === 'draw') return systemLine(t('pkDraw', names));
  systemLine(t('pkWon', { ...names, winner: b.winner === 'a' ? b.a.nickname : b.b.nickname }));
}

/** A gift announced by the platform: who sent which gift, its icon and name from the catalog. */
export function giftLine(li, data, sender, gifts) {
  const gift = gifts.find((g) => g.giftId === data.giftId);
  li.className = 'gift';
  li.append(
    el('span', 'nick', data.from?.nickname ?? sender.nickname),
    el(
      'span',
      'text',
      t('gave', {
        icon: gift?.icon ?? '🎁',
        name: currentLang() === 'zh' ? (gift?.nameZh ?? data.name) : data.name,
        count: data.count,
      }),
    ),
  );
  return li;
}
