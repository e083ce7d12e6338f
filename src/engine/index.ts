/**
 * The engine's public surface, the only door other folders use: validation, the interpreter, text
 * rendering, input rules, conditions, patterns, time, JSON and type guards, and the types.
 */
export { validateFlow } from './validate.js';
export { WEEKDAYS, SAFE_URL } from './validate-settings.js';
export { start, step, isBooking, DEFAULT_RESPONSE_DELAY_MS, DEFAULT_CONFIRMATION, type StartContext } from './interpreter.js';
export { DEFAULT_DAYS_AHEAD, cardOf, slotRequest } from './walk.js';
export { parseMarkdown, plainText, isSafeHref } from './markdown.js';
export { fillTokens } from './tokens.js';
export { renderText, fillTree, type RenderedText } from './render.js';
export { checkInput, isBlockedEmail, INPUT_ERRORS, type InputRules } from './input-rules.js';
export { formatMeetingTime, isTimeZone, dateFormat } from './time-format.js';
export { testCondition, testAll, readField, firstFailing, CONDITION_OPS, type ConditionContext } from './conditions.js';
export { compilePattern, globSource, matchesPattern, remember, type Counter, type Matcher } from './pattern.js';
export { canon } from './canon.js';
export { LIGHT_THEME, contrast, readableOn } from './contrast.js';
export { fromJson, toJson } from './json.js';
export { isObject, isText, isFilled, has, setOwn, type JsonObject } from './guards.js';
export type * from './types.js';
export type * from './state.js';
