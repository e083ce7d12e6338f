/** The flow document and its parts, exactly as contract §2 defines them. */

/** Colors, font, corner radius and position of the widget. */
export interface ThemeSettings {
  fontFamily?: string;
  primaryColor?: string;
  /** Text on primaryColor and on visitor bubbles; black or white, whichever reads better, when absent. */
  onPrimaryColor?: string;
  backgroundColor?: string;
  textColor?: string;
  botBubbleColor?: string;
  visitorBubbleColor?: string;
  radius?: number;
  position?: 'bottom-right' | 'bottom-left';
  offset?: number;
}

/** Meeting defaults shared by every meeting card. */
export interface MeetingSettings {
  inviteMessage?: string;
  minNoticeHours?: number;
  bufferMinutes?: number;
}

/** Settings that apply to every dialogue of a flow. */
export interface FlowSettings {
  botName?: string;
  avatarUrl?: string;
  responseDelayMs?: number;
  theme?: ThemeSettings;
  locale?: string;
  autoOpen?: boolean;
  enabled?: boolean;
  privacyUrl?: string;
  blockedEmailDomains?: string[];
  meetings?: MeetingSettings;
}

/** Three-letter weekday keys used by an agent's weekly hours. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** A sales agent meetings are booked with; `flow.agents` order is the routing order. */
export interface Agent {
  id: string;
  name: string;
  email?: string;
  avatarUrl?: string;
  timeZone?: string;
  weekly?: Partial<Record<Weekday, Array<[string, string]>>>;
}

/** Page match operators of contract §2. */
export type PageMatch = 'equals' | 'contains' | 'startsWith' | 'endsWith' | 'matches' | 'glob' | 'param';

/** One page rule; `param` rules also name the query parameter. */
export interface PageRule {
  match: PageMatch;
  value: string;
  name?: string;
}

/** Condition operators shared by audiences and branch cards. */
export type ConditionOp =
  | 'equals' | 'notEquals' | 'contains' | 'notContains' | 'startsWith' | 'endsWith'
  | 'isEmpty' | 'isNotEmpty' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'matches';

/** A test on a dotted field path (`lead.email`, `company.size`, `answers.ask`, `page.path`). */
export interface Condition {
  field: string;
  op: ConditionOp;
  value?: unknown;
}

/** When a dialogue may be shown, in the schedule's own time zone. */
export interface Schedule {
  from?: string;
  until?: string;
  timeZone?: string;
  days?: number[];
  hours?: [string, string];
}

/** Who and where a dialogue targets. */
export interface Audience {
  pages?: PageRule[];
  excludePages?: PageRule[];
  visitor?: 'anonymous' | 'known' | 'any';
  conditions?: Condition[];
  devices?: Array<'desktop' | 'mobile'>;
  schedule?: Schedule;
}

/** What makes a resolved dialogue show itself. */
export type Trigger =
  | { on: 'load' }
  | { on: 'timeOnPage'; seconds: number }
  | { on: 'timeOnSite'; seconds: number }
  | { on: 'scroll'; percent: number }
  | { on: 'exit' }
  | { on: 'idle'; seconds: number }
  | { on: 'click'; selector: string };

/** How often one visitor may see a dialogue. */
export type Frequency = 'once' | 'session' | 'always';

/** The bot says `text`. */
export interface MessageCard { type: 'message'; text: string; next?: string }

/** One button of a choice card. */
export interface ChoiceOption { label: string; value?: string; next?: string; url?: string }

/** Buttons; the pick is the answer. */
export interface ChoiceCard { type: 'choice'; text: string; options: ChoiceOption[]; field?: string; next?: string }

/** Input kinds, each validated before a value is accepted. */
export type InputKind = 'text' | 'email' | 'phone' | 'name' | 'number' | 'url';

/** Free text or a lead field. */
export interface InputCard {
  type: 'input';
  text: string;
  field: string;
  kind?: InputKind;
  required?: boolean;
  placeholder?: string;
  error?: string;
  skipIfKnown?: boolean;
  next?: string;
}

/** A slot picker that books through the adapter. */
export interface MeetingCard {
  type: 'meeting';
  text: string;
  durationMinutes: number;
  agents?: string[];
  daysAhead?: number;
  next?: string;
  fallback?: string;
}

/** One rule of a branch card: all conditions must hold. */
export interface BranchRule { when: Condition | Condition[]; next: string }

/** A silent switch on conditions. */
export interface BranchCard { type: 'branch'; rules: BranchRule[]; otherwise: string }

/** A silent conversion. */
export interface GoalCard { type: 'goal'; name: string; next?: string }

/** The dialogue is completed, with an optional last message. */
export interface EndCard { type: 'end'; text?: string }

/** Any card of a dialogue. */
export type Card = MessageCard | ChoiceCard | InputCard | MeetingCard | BranchCard | GoalCard | EndCard;

/** One conversation a flow can play. */
export interface Dialogue {
  id: string;
  name?: string;
  enabled?: boolean;
  priority?: number;
  audience?: Audience;
  trigger?: Trigger;
  frequency?: Frequency;
  start: string;
  cards: Record<string, Card>;
}

/** The whole flow document. */
export interface Flow {
  version: 1;
  settings?: FlowSettings;
  agents?: Agent[];
  dialogues: Dialogue[];
}

/** Known lead attributes; `company` feeds the `company.*` fields. */
export interface Lead {
  email?: string;
  firstName?: string;
  lastName?: string;
  company?: Record<string, unknown>;
  [field: string]: unknown;
}

/** One problem of a flow document, with a JSON-pointer-like path. */
export interface FlowProblem {
  path: string;
  message: string;
  /** `warning` problems (unreachable cards) are reported but do not make the flow invalid. */
  level?: 'error' | 'warning';
}

/** The answer of `validateFlow`. */
export type ValidationResult =
  | { ok: true; flow: Flow; warnings: FlowProblem[] }
  | { ok: false; errors: FlowProblem[] };

/** An offered meeting time; ISO 8601 instants. */
export interface Slot { start: string; end: string; agentIds: string[] }

/** A booked meeting. */
export interface Booking { id: string; agent: { id: string; name: string }; start: string; end: string }
