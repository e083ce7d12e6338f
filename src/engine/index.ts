/** The engine's public surface: validation, the interpreter, text rendering, input rules, conditions, types. */
export { validateFlow } from './validate.js';
export { start, step, DEFAULT_RESPONSE_DELAY_MS, DEFAULT_CONFIRMATION, type StartContext } from './interpreter.js';
export { DEFAULT_DAYS_AHEAD } from './walk.js';
export { parseMarkdown, plainText, isSafeHref } from './markdown.js';
export { fillTokens } from './tokens.js';
export { renderText, fillTree, type RenderedText } from './render.js';
export { checkInput, isBlockedEmail, INPUT_ERRORS, type InputRules } from './input-rules.js';
export { formatMeetingTime } from './time-format.js';
export { testCondition, testAll, readField, firstFailing, CONDITION_OPS, type ConditionContext } from './conditions.js';
export type * from './types.js';
export type * from './state.js';
