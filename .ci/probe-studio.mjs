// CI's look at a freshly started studio, as a person and a stranger would: the printed address (with its token)
// serves the studio page, and the API refuses a call that carries no token, over HTTP and over its WebSocket.
// Usage: node .ci/probe-studio.mjs <address printed by npm start>
/* global fetch */
import WebSocket from 'ws';

const address = process.argv[2];
if (!address) {
  console.error('usage: node .ci/probe-studio.mjs <address with ?token=>');
  process.exit(2);
}
const url = new URL(address);
const fail = (why) => {
  console.error(`  ✗ ${why}`);
  process.exit(1);
};

const page = await fetch(url);
const html = await page.text();
if (page.status !== 200) fail(`the page with its token answered ${page.status}, not 200`);
if (!/<div id="root">|VJ Studio/.test(html)) fail('the page with its token is not the studio');
console.log(`  ✓ GET ${url.origin}/?token=… → 200, the studio page`);

const bare = await fetch(new URL('/', url.origin));
if (bare.status !== 401) fail(`the page without a token answered ${bare.status}, not 401`);
console.log('  ✓ GET / without the token → 401');

// A call over the API socket without the token: the socket must close with 4401 and never answer the call.
const outcome = await new Promise((resolve) => {
  const ws = new WebSocket(`ws://${url.host}/api`, { headers: { Origin: url.origin } });
  let answered = false;
  const timer = setTimeout(() => resolve({ code: null, answered }), 15_000);
  ws.on('open', () => ws.send(JSON.stringify({ id: 1, call: 'system.info', input: {} })));
  ws.on('message', () => (answered = true));
  ws.on('close', (code) => {
    clearTimeout(timer);
    resolve({ code, answered });
  });
  ws.on('error', () => {});
});
if (outcome.answered) fail('the API answered a call without the token');
if (outcome.code !== 4401) fail(`the API socket without a token closed with ${outcome.code}, not 4401`);
console.log('  ✓ system.info over /api without the token → refused (close 4401), no answer');

// And the same call with the token is answered, so the refusal above is the token's doing.
const info = await new Promise((resolve, reject) => {
  const ws = new WebSocket(`ws://${url.host}/api?token=${url.searchParams.get('token')}`, {
    headers: { Origin: url.origin },
  });
  const timer = setTimeout(() => reject(new Error('no answer within 15 s')), 15_000);
  ws.on('open', () => ws.send(JSON.stringify({ id: 1, call: 'system.info', input: {} })));
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data));
    if (frame.id !== 1) return;
    clearTimeout(timer);
    ws.close();
    resolve(frame);
  });
  ws.on('error', reject);
}).catch((err) => fail(`system.info with the token: ${err.message}`));
if (!info.ok || info.value?.runtime !== 'headless') fail(`system.info with the token answered ${JSON.stringify(info)}`);
console.log(`  ✓ system.info with the token → runtime ${info.value.runtime}, version ${info.value.appVersion}`);
