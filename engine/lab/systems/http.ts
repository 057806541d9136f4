/** A health endpoint that must say UP, with its database UP when it reports one. */
export async function healthProblem(url: string): Promise<string | undefined> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  } catch (error) {
    return `${url}: ${error instanceof Error ? error.message : String(error)}`;
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `${url}: HTTP ${response.status}, not JSON`;
  }
  const status = field(body, 'status');
  const db = field(field(field(body, 'components'), 'db'), 'status');
  if (status !== 'UP') return `${url}: status ${String(status ?? response.status)}`;
  if (db !== undefined && db !== 'UP') return `${url}: db ${String(db)}`;
  return undefined;
}

function field(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  return Object.entries(value).find(([k]) => k === name)?.[1];
}
