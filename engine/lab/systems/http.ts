/**
 * A health endpoint that must say UP, with its database UP when it reports one.
 * node:http with a ref'd timer, not fetch: an unref'd AbortSignal.timeout let
 * the process exit (code 13) while a connection to a restarting container hung.
 */
import { get } from 'node:http';

function fetchText(url: string, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      request.destroy(new Error(`no answer in ${timeoutMs} ms`));
    }, timeoutMs);
    const request = get(url, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, text });
      });
      response.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export async function healthProblem(url: string): Promise<string | undefined> {
  let answer: { status: number; text: string };
  try {
    answer = await fetchText(url, 5000);
  } catch (error) {
    return `${url}: ${error instanceof Error ? error.message : String(error)}`;
  }
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return `${url}: HTTP ${answer.status}, not JSON`;
  }
  const status = field(body, 'status');
  const db = field(field(field(body, 'components'), 'db'), 'status');
  if (status !== 'UP') return `${url}: status ${String(status ?? answer.status)}`;
  if (db !== undefined && db !== 'UP') return `${url}: db ${String(db)}`;
  return undefined;
}

function field(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  return Object.entries(value).find(([k]) => k === name)?.[1];
}
