/**
 * `dynamic-chat/react`: `<DynamicChat>` for React, made with `@lit/react`. Importing it registers
 * the `<dynamic-chat>` tag, so a React app needs this one import.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import type { DynamicChatEventMap } from './stores/events.js';
import { defineDynamicChat } from './page/define.js';
import { DynamicChat as DynamicChatElement } from './page/dynamic-chat.js';

defineDynamicChat();

/** `dc-meeting-booked` → `DcMeetingBooked`. */
type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${Pascal<Tail>}` : Capitalize<S>;

/** One React prop per `dc-*` event (`onDcReady`, `onDcField`…); a new event left out here fails the type check. */
type EventProps = { [K in keyof DynamicChatEventMap as `on${Pascal<K>}`]: EventName<DynamicChatEventMap[K]> };

const on = <K extends keyof DynamicChatEventMap>(name: K) => name as EventName<DynamicChatEventMap[K]>;

const events: EventProps = {
  onDcReady: on('dc-ready'),
  onDcOpen: on('dc-open'),
  onDcClose: on('dc-close'),
  onDcDialogueStart: on('dc-dialogue-start'),
  onDcMessage: on('dc-message'),
  onDcAnswer: on('dc-answer'),
  onDcField: on('dc-field'),
  onDcGoal: on('dc-goal'),
  onDcMeetingBooked: on('dc-meeting-booked'),
  onDcDialogueEnd: on('dc-dialogue-end'),
  onDcError: on('dc-error'),
};

/** The `<dynamic-chat>` element as a React component: its properties as props, its events as `onDc…` props. */
export const DynamicChat = createComponent({ tagName: 'dynamic-chat', elementClass: DynamicChatElement, react: React, events, displayName: 'DynamicChat' });

/** The props `<DynamicChat>` takes. */
export type DynamicChatProps = React.ComponentProps<typeof DynamicChat>;
