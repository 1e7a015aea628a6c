// The viewer page: sign in (or one-click guest), the live list, then a room with video, chat, likes and gifts.
// Every piece of text from the network is set with textContent, never as markup.
/* global document, window, setInterval, clearInterval, crypto, FormData, CSS */
import { ApiError, call, refusalWords, saveSession, savedSession } from './api.js';
import { ChatConnection } from './chat.js';
import { CloudChatConnection } from './cloudChat.js';
import { el } from './dom.js';
import { addLine, giftLine, renderPk, systemLine } from './roomLines.js';
import { OnCamera } from './onCamera.js';
import { startPlayer } from './player.js';
import { RoomReturn } from './roomReturn.js';
import { currentLang, setLang, t } from './strings.js';

const $ = (id) => document.getElementById(id);
const state = { me: null, gifts: [], room: null, chat: null, stopPlayer: null, timers: [], likes: 0 };
const roomReturn = new RoomReturn();
const onCamera = new OnCamera({
  chat: () => state.chat,
  room: () => state.room,
  me: () => state.me,
  token: () => savedSession()?.token ?? '',
});

function translateStatic() {
  document.documentElement.lang = currentLang() === 'zh' ? 'zh-CN' : 'en';
  for (const e of document.querySelectorAll('[data-t]')) e.textContent = t(e.dataset.t);
  for (const e of document.querySelectorAll('[data-tp]')) e.placeholder = t(e.dataset.tp);
  $('lang').textContent = t('lang');
}

function show(section) {
  for (const id of ['signin', 'list', 'room']) $(id).hidden = id !== section;
}

function clearTimers() {
  state.timers.forEach((x) => clearInterval(x));
  state.timers = [];
}

async function refreshMe() {
  try {
    state.me = await call('GET', '/api/v1/me');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) saveSession(null);
    state.me = null;
  }
  $('who').textContent = state.me ? state.me.nickname : '';
  $('balance').textContent = state.me ? t('balance', { n: state.me.balance }) : '';
}

// ── sign in ──
$('guest').addEventListener('click', async () => {
  try {
    saveSession(await call('POST', '/api/v1/sessions/guest', {}));
    await route();
  } catch (e) {
    $('signinError').textContent = e.message;
  }
});
$('login').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = new FormData(ev.target);
  try {
    saveSession(
      await call('POST', '/api/v1/sessions', { userId: String(f.get('userId')), password: String(f.get('password')) }),
    );
    await route();
  } catch (e) {
    $('signinError').textContent = e.message;
  }
});

// ── live list ──
async function renderList() {
  const { rooms } = await call('GET', '/api/v1/rooms');
  const ul = $('rooms');
  ul.replaceChildren();
  $('empty').hidden = rooms.length > 0;
  for (const r of rooms) {
    const li = el('li');
    const b = el('button');
    b.type = 'button';
    b.dataset.roomId = r.roomId;
    b.append(
      el('span', 'live-dot', '● LIVE'),
      el('span', 'title', r.title),
      el('span', 'muted', t('host', { name: r.host.nickname })),
      el('span', 'muted', t('viewers', { n: r.viewerCount })),
    );
    b.addEventListener('click', () => (window.location.hash = `#/room/${r.roomId}`));
    li.append(b);
    ul.append(li);
  }
}

// ── room ──
function renderMessage(m) {
  const li = el('li');
  li.dataset.msgId = m.id;
  if (m.type === 'TIMTextElem') {
    if (m.sender.role !== 'Member') li.append(el('span', 'role', m.sender.role === 'Owner' ? 'VJ' : 'MOD'));
    li.append(el('span', 'nick', m.sender.nickname), el('span', 'text', m.payload.text));
    return addLine(li);
  }
  let data;
  try {
    data = JSON.parse(m.payload.data);
  } catch {
    return;
  }
  // Gifts, like totals and PK battles are believed only from the platform's own identity (the hub refuses them
  // from members).
  if (['gift', 'like', 'pk'].includes(data?.type) && m.sender.userId !== '@platform') return;
  if (data?.type === 'pk') return renderPk(data, state.room?.roomId);
  if (data?.type === 'gift') return addLine(giftLine(li, data, m.sender, state.gifts));
  if ((data?.type === 'cohost.joined' || data?.type === 'cohost.left') && typeof data.userId === 'string') {
    const name = typeof data.nickname === 'string' ? data.nickname : data.userId;
    systemLine(t(data.type === 'cohost.joined' ? 'joinedVideo' : 'leftVideoNotice', { name }));
    return onCamera.onRoomNotice(data);
  }
  if (data?.type === 'like' && typeof data.total === 'number') {
    state.likes = Math.max(state.likes, data.total);
    $('like').textContent = t('like', { n: state.likes });
  }
}

function onFrame(f) {
  switch (f.type) {
    case 'joined':
      f.history.forEach(renderMessage);
      $('viewers').textContent = t('viewers', { n: f.onlineCount });
      return systemLine(t('joinedChat'));
    case 'messages':
      return f.messages.forEach(renderMessage);
    case 'revoked':
      for (const id of f.msgIds) document.querySelector(`[data-msg-id="${CSS.escape(id)}"]`)?.remove();
      return;
    case 'onlineCount':
      $('viewers').textContent = t('viewers', { n: f.count });
      return;
    case 'c2c':
      return onCamera.onC2c(f.message);
    case 'roomEnded':
      onCamera.onRoomEnded();
      if (f.reason === 'heartbeat_lost') roomReturn.lost();
      return endRoomView(t(f.reason === 'heartbeat_lost' ? 'heartbeatLost' : 'ended'));
    case 'kicked':
      onCamera.onRoomEnded();
      return endRoomView(t('kicked', { reason: f.reason }));
    case 'muted':
      if (state.me && f.userId === state.me.userId)
        $('chatError').textContent = f.until
          ? t('muted', { time: new Date(f.until).toLocaleTimeString() })
          : t('unmuted');
      return;
    case 'chatError':
      $('chatError').textContent = f.message;
      return;
    case 'roomState':
      if (f.state.muteAll) systemLine(t('roomMuted'));
      else if (f.state.slowModeSeconds > 0) systemLine(t('slowMode', { n: f.state.slowModeSeconds }));
      return;
  }
}

function endRoomView(text) {
  $('roomNotice').textContent = text;
  $('videoStatus').textContent = text;
  $('chatInput').disabled = true;
  state.stopPlayer?.();
  state.stopPlayer = null;
  state.chat?.close();
  state.chat = null;
}

function leaveRoom() {
  onCamera.reset();
  clearTimers();
  state.stopPlayer?.();
  state.stopPlayer = null;
  state.chat?.close();
  state.chat = null;
  state.room = null;
}

/** The room's chat: the platform's chat hub (local mode) or the room's AVChatRoom on Tencent Cloud IM (cloud mode). */
async function openChat(room) {
  const session = savedSession();
  const onState = (s) => s === 'lost' && ($('chatError').textContent = t('chatLost'));
  if (session?.mode === 'cloud') {
    const chat = await CloudChatConnection.start(room, onFrame, onState).catch((e) => {
      $('chatError').textContent = e.message;
      return null;
    });
    // The viewer may have left the room while the credentials were on their way.
    if (state.room === room) state.chat = chat;
    else chat?.close();
  } else if (session?.imUrl)
    state.chat = new ChatConnection(session.imUrl, session.token, room.groupId, onFrame, onState);
}

async function renderRoom(roomId) {
  let room;
  try {
    room = await call('GET', `/api/v1/rooms/${encodeURIComponent(roomId)}`);
  } catch (e) {
    $('roomNotice').textContent = e.message;
    return;
  }
  state.room = room;
  state.likes = 0;
  $('roomTitle').textContent = room.title;
  $('roomHost').textContent = t('host', { name: room.host.nickname });
  $('viewers').textContent = t('viewers', { n: room.viewerCount });
  $('like').textContent = t('like', { n: 0 });
  $('messages').replaceChildren();
  $('roomNotice').textContent = '';
  $('chatError').textContent = '';
  $('chatInput').disabled = false;
  renderGifts();

  await openChat(room);

  const tryPlay = async () => {
    if (state.stopPlayer || !state.room) return;
    const now = await call('GET', `/api/v1/rooms/${encodeURIComponent(roomId)}`).catch(() => null);
    if (!now) return endRoomView(t(roomReturn.waiting() ? 'heartbeatLost' : 'ended'));
    if (roomReturn.back()) {
      clearTimers();
      await renderRoom(roomId);
      return systemLine(t('hostBack'));
    }
    if (!now.streamUp) {
      $('videoStatus').textContent = t('waiting');
      return;
    }
    $('videoStatus').textContent = '';
    state.stopPlayer = startPlayer(
      $('video'),
      now.playUrls,
      (err) => ($('videoStatus').textContent = err ?? t('noVideo')),
    );
  };
  await tryPlay();
  state.timers.push(setInterval(tryPlay, 2000));
}

function renderGifts() {
  const box = $('gifts');
  box.replaceChildren();
  for (const g of state.gifts) {
    const b = el('button', 'gift-button', `${g.icon} ${currentLang() === 'zh' ? g.nameZh : g.name} · ${g.price}`);
    b.type = 'button';
    b.dataset.giftId = g.giftId;
    b.addEventListener('click', () => sendGift(g));
    box.append(b);
  }
  const top = el('button', 'ghost', t('topUp'));
  top.type = 'button';
  top.id = 'topUp';
  top.addEventListener('click', async () => {
    try {
      const r = await call('POST', '/api/v1/me/recharge', { amount: 100 });
      $('balance').textContent = t('balance', { n: r.balance });
    } catch (e) {
      $('roomNotice').textContent = e.message;
    }
  });
  box.append(top);
}

async function sendGift(g) {
  if (!state.room) return;
  try {
    const r = await call('POST', `/api/v1/rooms/${encodeURIComponent(state.room.roomId)}/gifts`, {
      giftId: g.giftId,
      count: 1,
      requestId: crypto.randomUUID(),
    });
    $('balance').textContent = t('balance', { n: r.balance });
    $('roomNotice').textContent = t('giftSent', {
      icon: g.icon,
      name: currentLang() === 'zh' ? g.nameZh : g.name,
      count: 1,
    });
  } catch (e) {
    $('roomNotice').textContent = e.message;
  }
}

$('chatForm').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const input = $('chatInput');
  const text = input.value.trim();
  if (!text || !state.chat || !state.room) return;
  const answer = await state.chat.request({
    type: 'send',
    groupId: state.room.groupId,
    priority: 'Normal',
    elem: { type: 'TIMTextElem', payload: { text } },
  });
  if (answer.type === 'error') {
    $('chatError').textContent = refusalWords(answer, '');
    return;
  }
  $('chatError').textContent = '';
  input.value = '';
  // The hub does not echo a sender's own message: show it from the ack.
  renderMessage({
    id: answer.msgId,
    type: 'TIMTextElem',
    sender: { userId: state.me?.userId, nickname: state.me?.nickname ?? '', role: 'Member' },
    payload: { text },
  });
});

$('like').addEventListener('click', async () => {
  if (!state.room) return;
  try {
    const r = await call('POST', `/api/v1/rooms/${encodeURIComponent(state.room.roomId)}/likes`, { count: 1 });
    state.likes = Math.max(state.likes, r.likes);
    $('like').textContent = t('like', { n: state.likes });
  } catch (e) {
    $('roomNotice').textContent = e.message;
  }
});

$('cohost').addEventListener('click', async () => {
  if (!state.room || !state.chat) return;
  const data = JSON.stringify({
    type: 'cohost.request',
    roomId: state.room.roomId,
    nickname: state.me?.nickname ?? '',
  });
  const answer = await state.chat.request({
    type: 'c2c',
    to: state.room.host.userId,
    elem: { type: 'TIMCustomElem', payload: { data, description: 'cohost.request', extension: '' } },
  });
  $('cohostStatus').textContent = answer.type === 'error' ? refusalWords(answer, '') : t('cohostSent');
});

$('lang').addEventListener('click', () => {
  setLang(currentLang() === 'zh' ? 'en' : 'zh');
  translateStatic();
  void route();
});

async function route() {
  leaveRoom();
  translateStatic();
  if (!savedSession()) {
    show('signin');
    return;
  }
  await refreshMe();
  if (!state.me) {
    show('signin');
    return;
  }
  if (state.gifts.length === 0) state.gifts = (await call('GET', '/api/v1/gifts')).gifts;
  const m = /^#\/room\/(\d+)$/.exec(window.location.hash);
  if (m) {
    show('room');
    await renderRoom(m[1]);
  } else {
    show('list');
    await renderList();
    state.timers.push(setInterval(() => void renderList().catch(() => {}), 5000));
  }
}

window.addEventListener('hashchange', () => void route());
void route();
