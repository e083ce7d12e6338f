/** What a usable meeting time looks like, whoever answered it (the HTTP backend or a custom adapter). */
import { isFilled, isObject, isText, type JsonObject } from '../engine/index.js';
import type { Slot } from './types.js';

/** True for an object whose named keys (`keys`, separated by spaces) all hold strings. */
export const hasTexts = (value: unknown, keys: string): value is JsonObject =>
  isObject(value) && keys.split(' ').every((key) => isText(value[key]));

/** An ISO 8601 date-time with its offset (`Z` or `±hh:mm`), as the protocol's instants are written. */
const INSTANT = /^\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)$/i;

/** True for a readable ISO instant. */
const isInstant = (value: unknown): value is string => isText(value) && INSTANT.test(value) && !Number.isNaN(Date.parse(value));

/** True when `start` and `end` are ISO instants and the meeting ends after it starts. */
export const isSpan = (start: unknown, end: unknown): boolean =>
  isInstant(start) && isInstant(end) && Date.parse(end) > Date.parse(start);

/** True for a slot the visitor can be offered: a real span and at least one agent, each named by a non-empty id. */
export function isSlot(value: unknown): value is Slot {
  return isObject(value) && isSpan(value.start, value.end)
    && Array.isArray(value.agentIds) && value.agentIds.length > 0 && value.agentIds.every(isFilled);
}
