/** @jsxImportSource preact */
// Preact and Solid read the same generated declarations; each @ts-expect-error must be needed.
import type {} from 'dynamic-chat/preact-jsx';
import { flow } from '../flow';

export const preactChat = <dynamic-chat open flow={flow} mode="inline" ondc-ready={(event) => event.detail.dialogueId} />;
// @ts-expect-error a flow is a document or its URL
export const preactBadFlow = <dynamic-chat flow={42} />;
// @ts-expect-error bubble or inline
export const preactBadMode = <dynamic-chat mode="sideways" />;
