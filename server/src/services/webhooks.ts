/**
 * Webhook requests, signed as Stripe signs them: `DynamicChat-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<body>">`, so a receiver checks both who sent it and when (refusing replays).
 */
import { createHmac } from 'node:crypto';

/** The signature header's name. */
export const SIGNATURE_HEADER = 'DynamicChat-Signature';

/** The header value for `body` signed with `secret` at `t` (unix seconds). */
export function signatureHeader(secret: string, body: string, t: number): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** What one attempt got: the status code, or the error that stopped it. */
export interface PostResult { statusCode: number | null; error: string | null }

/**
 * POSTs a signed body and waits at most `timeoutMs` for the answer's status; 2xx is delivered,
 * anything else (a redirect included: a webhook URL should not move) is an error to retry.
 */
export async function postWebhook(url: string, secret: string, body: string, timeoutMs: number, stop: AbortSignal, doFetch: typeof fetch = fetch): Promise<PostResult> {
  // A timer of our own, not AbortSignal.any(AbortSignal.timeout()): Node 20 may collect such a signal before it fires, and the attempt then hangs for ever.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const onStop = () => controller.abort();
  stop.addEventListener('abort', onStop);
  const signal = controller.signal;
  try {
    const response = await doFetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'dynamic-chat-server webhooks',
        [SIGNATURE_HEADER]: signatureHeader(secret, body, Math.floor(Date.now() / 1000)),
      },
      body,
    });
    // The answer's body is not needed; dropping it frees the connection.
    await response.body?.cancel().catch(() => undefined);
    return response.ok ? { statusCode: response.status, error: null } : { statusCode: response.status, error: `HTTP ${response.status}` };
  } catch (error) {
    if (signal.aborted && !stop.aborted) return { statusCode: null, error: `no answer within ${timeoutMs} ms` };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { statusCode: null, error: cause?.code ?? cause?.message ?? (error as Error).message };
  } finally {
    clearTimeout(timer);
    stop.removeEventListener('abort', onStop);
  }
}
