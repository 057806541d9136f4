// The lab's stand-in for the Telegram Bot API: getMe and sendMessage for one bot token, and a bounded outage on request.
import http from 'node:http';

const PORT = Number(process.env.PORT || 8081);
const TOKEN = process.env.TELEGRAM_BOT_TOKEN || '';
let outageUntil = 0;
let sent = 0;
const log = (msg) => process.stdout.write(`${new Date().toISOString()} ${msg}\n`);

function answer(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

http.createServer((req, res) => {
  const url = new URL(req.url || '/', 'http://localhost');
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    // The lab's control: an outage of N seconds (502 Bad Gateway for every bot call), only from inside the container.
    if (url.pathname === '/_lab/outage' && req.method === 'POST') {
      if (req.socket.remoteAddress !== '127.0.0.1' && req.socket.remoteAddress !== '::ffff:127.0.0.1') return answer(res, 403, { ok: false });
      const seconds = Math.min(Number(url.searchParams.get('seconds') || 60), 600);
      outageUntil = seconds > 0 ? Date.now() + seconds * 1000 : 0;
      log(`lab: outage for ${seconds} s`);
      return answer(res, 200, { ok: true, until: new Date(outageUntil).toISOString() });
    }
    if (url.pathname === '/_lab/state') return answer(res, 200, { ok: true, outage: Date.now() < outageUntil, sent });
    const match = /^\/bot([^/]+)\/(getMe|sendMessage)$/.exec(url.pathname);
    if (!match) return answer(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (Date.now() < outageUntil) return answer(res, 502, { ok: false, error_code: 502, description: 'Bad Gateway' });
    if (match[1] !== TOKEN) return answer(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    if (match[2] === 'getMe') return answer(res, 200, { ok: true, result: { id: 7000000001, is_bot: true, first_name: 'Ticketero', username: 'ticketero_lab_bot' } });
    let message = {};
    try {
      message = JSON.parse(body || '{}');
    } catch {
      return answer(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid JSON' });
    }
    if (!message.chat_id || !message.text) return answer(res, 400, { ok: false, error_code: 400, description: 'Bad Request: chat_id and text are required' });
    sent += 1;
    log(`sendMessage chat_id=${message.chat_id}`);
    return answer(res, 200, { ok: true, result: { message_id: sent, chat: { id: Number(message.chat_id) || 0 }, date: Math.floor(Date.now() / 1000), text: message.text } });
  });
}).listen(PORT, '0.0.0.0', () => log(`Telegram Bot API stand-in on port ${PORT}`));
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
