/** @jsxImportSource solid-js */
import type {} from 'dynamic-chat/solid-jsx';
import { flow } from '../flow';

export const solidChat = <dynamic-chat open flow={flow} mode="inline" on:dc-ready={(event) => event.detail.dialogueId} />;
// @ts-expect-error a flow is a document or its URL
export const solidBadFlow = <dynamic-chat flow={42} />;
// @ts-expect-error bubble or inline
export const solidBadMode = <dynamic-chat mode="sideways" />;
