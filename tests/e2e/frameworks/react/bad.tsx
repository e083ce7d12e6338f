// Each line below must fail the type check (the test reads the line numbers).
import type {} from 'dynamic-chat/react-jsx';
import { DynamicChat } from 'dynamic-chat/react';

export const badFlow = <dynamic-chat flow={42} />;
export const badMode = <dynamic-chat mode="sideways" />;
export const badDetail = <dynamic-chat ondc-field={(event) => event.detail.nope} />;
export const badWrapperFlow = <DynamicChat flow={42} />;
export const badWrapperMode = <DynamicChat mode="sideways" />;
document.addEventListener('dc-ready', (event) => event.detail.nope);
