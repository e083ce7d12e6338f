import { describe, expect, it, vi } from 'vitest';
import { createOutbox, type OutboxItem } from '../../../src/adapters/outbox.js';
import { memoryStorage } from '../../../src/platform/storage.js';

const fieldItem = (key: string, addedAt = 1): OutboxItem => ({
  kind: 'fields', key, addedAt,
  body: { sessionId: 's', dialogueId: 'd', fields: { email: 'a@b.example' }, page: '/', at: '2026-03-01T00:00:00Z', key },
});
const eventItem = (key: string, addedAt = 1): OutboxItem => ({
  kind: 'event', key, addedAt,
  body: { type: 'triggered', dialogueId: 'd', sessionId: 's', visitorId: 'v', page: '/', at: '2026-03-01T00:00:00Z', key },
});

describe('outbox', () => {
  it('survives a new instance on the same storage and adds each key once', () => {
    const storage = memoryStorage();
    const first = createOutbox(storage, 'box');
    first.add(fieldItem('f1'));
    first.add({ ...fieldItem('f1'), addedAt: 2 });
    expect(first.items()).toEqual([fieldItem('f1')]);
    expect(createOutbox(storage, 'box').items().map((i) => i.key)).toEqual(['f1']);
  });

  it('evicts the oldest events first and never fields, flagging the overflow', () => {
    const box = createOutbox(memoryStorage(), 'box', 3);
    box.add(eventItem('e1'));
    box.add(fieldItem('f1'));
    box.add(eventItem('e2'));
    expect(box.add(eventItem('e3'))).toEqual({ overflow: false, durable: true });
    expect(box.items().map((i) => i.key)).toEqual(['f1', 'e2', 'e3']);
    box.add(fieldItem('f2'));
    box.add(fieldItem('f3'));
    expect(box.items().map((i) => i.key)).toEqual(['f1', 'f2', 'f3']);
    expect(box.add(fieldItem('f4'))).toEqual({ overflow: true, durable: true });
    expect(box.items().map((i) => i.key)).toEqual(['f1', 'f2', 'f3', 'f4']);
  });

  it('leases an item to one owner until it expires or is released', () => {
    const storage = memoryStorage();
    const tabA = createOutbox(storage, 'box');
    const tabB = createOutbox(storage, 'box');
    tabA.add(fieldItem('f1'));
    expect(tabA.claim(['f1'], 'A', 100, 200).map((i) => i.key)).toEqual(['f1']);
    expect(tabB.claim(['f1'], 'B', 150, 250)).toEqual([]);
    expect(tabB.claim(['f1'], 'B', 200, 300).map((i) => i.key)).toEqual(['f1']);
    tabB.release(['f1'], 'B');
    expect(tabA.claim(['f1'], 'A', 210, 300).map((i) => i.key)).toEqual(['f1']);
    tabA.remove(['f1']);
    expect(tabB.items()).toEqual([]);
    expect(storage.getItem('box')).toBeNull();
  });

  it('discards corrupted entries with a warning instead of crashing', () => {
    const storage = memoryStorage();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    storage.setItem('box', JSON.stringify([fieldItem('f1'), 42, { kind: 'event', key: 'e1', addedAt: 1, body: { key: 'other' } }]));
    const box = createOutbox(storage, 'box');
    expect(box.items().map((i) => i.key)).toEqual(['f1']);
    expect(warn.mock.calls).toEqual([['dynamic-chat: dropped corrupted outbox entries (2)']]);
    expect(box.items()).toHaveLength(1);
    expect(warn).toHaveBeenCalledTimes(1);
    storage.setItem('box', '{"not":"a list"}');
    expect(box.items()).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(storage.getItem('box')).toBeNull();
    warn.mockRestore();
  });
});
