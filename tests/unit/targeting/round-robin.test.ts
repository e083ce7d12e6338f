import { describe, expect, it } from 'vitest';
import { roundRobin } from '../../../src/targeting/index.js';

const agents = ['a1', 'a2', 'a3', 'a4', 'a5'];

/** Books `count` meetings in a row, each going to the agent roundRobin picks. */
function sequence(last: string | null, free: string[], count: number): Array<string | null> {
  const picks: Array<string | null> = [];
  let current = last;
  for (let i = 0; i < count; i++) {
    const next = roundRobin(agents, current, free);
    picks.push(next);
    current = next ?? current;
  }
  return picks;
}

describe('roundRobin', () => {
  it('after agent 3 took the last booking: 4, 5, then wraps to 1', () => {
    expect(sequence('a3', agents, 3)).toEqual(['a4', 'a5', 'a1']);
  });

  it('with no booking yet, starts with the first agent', () => {
    expect(sequence(null, agents, 6)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a1']);
  });

  it('skips agents who are not free at the chosen slot', () => {
    expect(roundRobin(agents, 'a3', ['a1', 'a5'])).toBe('a5');
    expect(roundRobin(agents, 'a5', ['a2', 'a4'])).toBe('a2');
    expect(sequence('a3', ['a2', 'a4'], 4)).toEqual(['a4', 'a2', 'a4', 'a2']);
  });

  it('the last agent is picked again only when nobody else is free', () => {
    expect(roundRobin(agents, 'a3', ['a3'])).toBe('a3');
  });

  it('none free → null', () => {
    expect(roundRobin(agents, 'a3', [])).toBeNull();
    expect(roundRobin(agents, 'a3', ['someone-else'])).toBeNull();
    expect(roundRobin([], null, ['a1'])).toBeNull();
  });

  it('a last agent no longer in the order starts from the first', () => {
    expect(roundRobin(agents, 'gone', agents)).toBe('a1');
  });
});
