// RabbitMQ through its management HTTP API (no AMQP client in Debian's Node): a durable queue for the Telegram notifications.
const base = process.env.RABBITMQ_MANAGEMENT_URL || 'http://rabbitmq:15672';
const auth = `Basic ${Buffer.from(`${process.env.SPRING_RABBITMQ_USERNAME || 'dev'}:${process.env.SPRING_RABBITMQ_PASSWORD || 'dev123'}`).toString('base64')}`;
export const QUEUE = 'telegram.notifications';

async function call(method, path, body) {
  let response;
  try {
    response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(5000),
    });
  } catch (error) {
    // fetch says "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is its cause.
    const code = error?.cause?.code;
    throw new Error(code === 'ECONNREFUSED' ? 'Connection refused' : code || error?.cause?.message || error.message);
  }
  const text = await response.text();
  if (!response.ok) throw new Error(`RabbitMQ ${method} ${path}: HTTP ${response.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}

export const declareQueue = () => call('PUT', `/api/queues/%2F/${encodeURIComponent(QUEUE)}`, { durable: true, auto_delete: false });
/** A real call through the broker's vhost: the notifications queue is there (aliveness-test takes about a second on a busy node). */
export const alive = async () => (await call('GET', `/api/queues/%2F/${encodeURIComponent(QUEUE)}`)).name === QUEUE;

export async function publish(message) {
  const r = await call('POST', '/api/exchanges/%2F/amq.default/publish', { properties: { delivery_mode: 2, content_type: 'application/json' }, routing_key: QUEUE, payload: JSON.stringify(message), payload_encoding: 'string' });
  if (!r.routed) throw new Error(`RabbitMQ: message not routed to ${QUEUE}`);
}

/** Takes up to `count` messages off the queue (acknowledged: a failed send publishes it again). */
export async function take(count) {
  const messages = await call('POST', `/api/queues/%2F/${encodeURIComponent(QUEUE)}/get`, { count, ackmode: 'ack_requeue_false', encoding: 'auto' });
  return messages.map((m) => JSON.parse(m.payload));
}
