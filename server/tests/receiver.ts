/** A webhook receiver on 127.0.0.1 for tests: it answers each attempt as a script says (fail, hang or succeed) and records what came. */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The README's check of `DynamicChat-Signature`, as a receiver would write it: the server's own code is not trusted to check itself. */
function verify(rawBody: string, header: string, secret: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=')));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  const fresh = Math.abs(Date.now() / 1000 - Number(parts.t)) < 300;
  return fresh && given.length === expected.length && timingSafeEqual(given, expected);
}

/** How the receiver answers one attempt. */
export type Answer = 'fail' | 'hang' | 'ok';

/** One request as it arrived. */
export interface Received { id: string; type: string; body: string; data: Record<string, unknown>; signed: boolean; answer: Answer }

/** A running receiver. */
export interface Receiver {
  url: string;
  /** Every request, in arrival order. */
  received: Received[];
  /** Events answered 200, in order, once per request (a duplicate delivery shows twice). */
  delivered(): Received[];
  /** Changes the script: `(eventId, attemptNo from 1) => answer`. */
  script(next: (id: string, attempt: number) => Answer): void;
  close(): Promise<void>;
}

/** Starts a receiver that checks each signature with `secret`. */
export async function startReceiver(secret: string, script: (id: string, attempt: number) => Answer = () => 'ok', port = 0): Promise<Receiver> {
  const received: Received[] = [];
  const attempts = new Map<string, number>();
  let answerFor = script;
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const parsed = JSON.parse(body) as { id: string; type: string; data: Record<string, unknown> };
    const attempt = (attempts.get(parsed.id) ?? 0) + 1;
    attempts.set(parsed.id, attempt);
    const answer = answerFor(parsed.id, attempt);
    const signed = verify(body, String(req.headers['dynamicchat-signature'] ?? ''), secret);
    received.push({ id: parsed.id, type: parsed.type, body, data: parsed.data, signed, answer });
    if (answer === 'hang') return;
    res.writeHead(answer === 'ok' ? 200 : 500, { 'Content-Type': 'text/plain' }).end(answer);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    delivered: () => received.filter((r) => r.answer === 'ok'),
    script(next) {
      answerFor = next;
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Waits until `check` holds (polling), or fails with `what` after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 45_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
