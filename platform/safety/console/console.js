// The safety console in the browser: signs an operator in, shows each live room's latest safety state every
// 2 s, and ends a room on request. Every string in English and Simplified Chinese; data shown as text only.
/* global document, location, navigator, sessionStorage, fetch, confirm, FormData, setInterval, URLSearchParams */
const strings = {
  en: {
    title: 'Safety console',
    userId: 'User ID',
    password: 'Password',
    signIn: 'Sign in',
    signedInAs: 'Signed in as {0}',
    room: 'Room',
    roomTitle: 'Title',
    host: 'Host',
    viewers: 'Viewers',
    stream: 'Stream',
    safety: 'Safety',
    up: 'receiving',
    down: 'no stream',
    clean: 'Clean',
    review: 'Needs review',
    flagged: 'Flagged',
    unknown: 'Not sampled yet',
    end: 'End room',
    confirmEnd: 'End room {0} now? Its viewers are told the room has ended.',
    empty: 'No room is live.',
    notOperator: 'This account is not an operator: only operators can use the safety console.',
    failed: 'The platform did not answer: {0}',
    sampler: 'platform sampler',
    studio: 'studio',
    tencent: 'Tencent Cloud moderation',
  },
  zh: {
    title: '内容安全控制台',
    userId: '用户 ID',
    password: '密码',
    signIn: '登录',
    signedInAs: '已登录：{0}',
    room: '房间',
    roomTitle: '标题',
    host: '主播',
    viewers: '观众',
    stream: '推流',
    safety: '内容安全',
    up: '接收中',
    down: '无推流',
    clean: '正常',
    review: '待复审',
    flagged: '已标记',
    unknown: '尚未采样',
    end: '结束直播间',
    confirmEnd: '现在结束房间 {0}？观众会收到直播已结束的提示。',
    empty: '当前没有直播间。',
    notOperator: '此账号不是运营人员：只有运营人员可以使用内容安全控制台。',
    failed: '平台没有响应：{0}',
    sampler: '平台采样',
    studio: '工作室',
    tencent: '腾讯云审核',
  },
};
const lang = (new URLSearchParams(location.search).get('lang') ?? navigator.language).startsWith('zh') ? 'zh' : 'en';
document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
const s = (key, ...args) => strings[lang][key].replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ''));
for (const el of document.querySelectorAll('[data-s]')) el.textContent = s(el.dataset.s);

const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem('safety.token');

function problem(text) {
  $('problem').hidden = !text;
  $('problem').textContent = text ?? '';
}

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: {
      ...(body ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw Object.assign(new Error(json.error?.message ?? String(res.status)), { status: res.status });
  return json;
}

function cell(tr, text, className) {
  const td = document.createElement('td');
  if (className) td.className = className;
  td.textContent = text;
  tr.append(td);
  return td;
}

function render(rooms) {
  const body = $('rooms');
  body.replaceChildren();
  $('empty').hidden = rooms.length > 0;
  for (const room of rooms) {
    const tr = document.createElement('tr');
    const level = room.safety?.level ?? 'unknown';
    tr.className = level;
    tr.dataset.room = room.roomId;
    tr.dataset.level = level;
    cell(tr, room.roomId);
    cell(tr, room.title);
    cell(tr, room.host?.nickname ?? room.host?.userId ?? '');
    cell(tr, String(room.viewerCount ?? 0));
    cell(tr, room.streamUp ? s('up') : s('down'));
    const safety = cell(tr, s(level), `level ${level}`);
    if (room.safety) {
      const detail = document.createElement('div');
      detail.className = 'detail';
      const score = room.safety.score === null ? '' : ` ${Math.round(room.safety.score * 100)}%`;
      detail.textContent = `${s(room.safety.origin)} · ${room.safety.className ?? ''}${score} · ${new Date(room.safety.at).toLocaleTimeString()} · ${room.safety.message}`;
      safety.append(detail);
    }
    const act = document.createElement('td');
    const end = document.createElement('button');
    end.className = 'end';
    end.textContent = s('end');
    end.dataset.end = room.roomId;
    end.addEventListener('click', async () => {
      if (!confirm(s('confirmEnd', room.roomId))) return;
      try {
        await api('POST', `/api/v1/safety/rooms/${room.roomId}/end`);
        await refresh();
      } catch (err) {
        problem(s('failed', err.message));
      }
    });
    act.append(end);
    tr.append(act);
    body.append(tr);
  }
}

async function refresh() {
  try {
    const { rooms } = await api('GET', '/api/v1/safety/rooms');
    problem(null);
    $('board').hidden = false;
    render(rooms);
  } catch (err) {
    if (err.status === 401) {
      token = null;
      sessionStorage.removeItem('safety.token');
      $('signin').hidden = false;
      $('board').hidden = true;
    } else problem(err.status === 403 ? s('notOperator') : s('failed', err.message));
  }
}

$('signin').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  try {
    const session = await api('POST', '/api/v1/sessions', {
      userId: form.get('userId'),
      password: form.get('password'),
    });
    token = session.token;
    sessionStorage.setItem('safety.token', token);
    $('who').textContent = s('signedInAs', session.userId);
    $('signin').hidden = true;
    await refresh();
  } catch (err) {
    problem(s('failed', err.message));
  }
});

if (token) void refresh();
else $('signin').hidden = false;
setInterval(() => token && void refresh(), 2000);
