/**
 * Meeting emails as they wait in the outbox (data only) and as they are sent (rendered at send time,
 * so the sender address in force then is used): the visitor's invitation "from the agent" with a
 * METHOD:REQUEST calendar part, its cancellation (METHOD:CANCEL, same UID), and the agent's notice
 * with the lead's answers. Plain text only: nothing a visitor typed is ever rendered as HTML.
 */
import { parseMarkdown, type MarkdownNode } from 'dynamic-chat/engine';
import { inviteIcs } from './invite-ics.js';

/** A queued meeting email. */
export interface MeetingEmail {
  kind: 'invitation' | 'cancellation' | 'agent-notice';
  to: string;
  meeting: { id: string; start: string; end: string; dialogueId: string };
  agent: { id: string; name: string; email?: string; timeZone?: string };
  visitor: { email: string | null; name?: string };
  /** The invitation's text: the flow's inviteMessage with its tokens filled (markdown allowed). */
  message?: string;
  /** The lead's captured fields, for the agent's notice. */
  answers?: Record<string, string>;
}

/** A message ready for nodemailer. */
export interface RenderedEmail {
  from: { name: string; address: string };
  replyTo?: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  icalEvent?: { method: 'REQUEST' | 'CANCEL'; filename: string; content: string };
}

/** The sender when neither SMTP_FROM nor the agent's email is known. */
const FALLBACK_FROM = 'no-reply@localhost';

/** Renders a queued email; `from` is SMTP_FROM (the agent's own address is used when it is unset). */
export function renderEmail(mail: MeetingEmail, from: string | undefined, now: Date): RenderedEmail {
  const agentAddress = mail.agent.email ?? from ?? FALLBACK_FROM;
  const sender = { name: mail.agent.name, address: from ?? agentAddress };
  const replyTo = mail.agent.email && mail.agent.email !== sender.address ? { name: mail.agent.name, address: mail.agent.email } : undefined;
  const when = meetingTime(mail.meeting.start, mail.meeting.end, mail.agent.timeZone ?? 'UTC');
  const visitor = mail.visitor.name ? `${mail.visitor.name} <${mail.visitor.email ?? ''}>` : mail.visitor.email ?? 'a visitor';
  if (mail.kind === 'agent-notice') {
    const answers = Object.entries(mail.answers ?? {}).map(([name, value]) => `  ${name}: ${oneLine(value)}`);
    return {
      from: { name: 'dynamic-chat', address: from ?? agentAddress },
      to: mail.to,
      subject: `New meeting: ${oneLine(visitor)}, ${when}`,
      text: [`${visitor} booked a meeting with you.`, '', `When: ${when}`, `Dialogue: ${mail.meeting.dialogueId}`, '',
        'Their answers:', ...(answers.length ? answers : ['  (none)']), ''].join('\n'),
    };
  }
  const ics = (method: 'REQUEST' | 'CANCEL', sequence: number, description: string) => inviteIcs({
    method, meetingId: mail.meeting.id, start: mail.meeting.start, end: mail.meeting.end, stamp: now, sequence,
    summary: `Meeting with ${mail.agent.name}`, description,
    organizer: { name: mail.agent.name, email: agentAddress }, attendee: { name: mail.visitor.name, email: mail.to },
  });
  if (mail.kind === 'cancellation') {
    const text = `The meeting with ${mail.agent.name} on ${when} is cancelled.`;
    return {
      from: sender, replyTo, to: mail.to, subject: `Cancelled: meeting with ${mail.agent.name}, ${when}`, text: `${text}\n`,
      icalEvent: { method: 'CANCEL', filename: 'cancel.ics', content: ics('CANCEL', 1, text) },
    };
  }
  const message = markdownText(mail.message?.trim() || `${mail.agent.name} is looking forward to meeting you.`);
  return {
    from: sender, replyTo, to: mail.to, subject: `Invitation: meeting with ${mail.agent.name}, ${when}`,
    text: `${message}\n\nWhen: ${when}\nWith: ${mail.agent.name}\n`,
    icalEvent: { method: 'REQUEST', filename: 'invite.ics', content: ics('REQUEST', 0, message) },
  };
}

/** "Tuesday 8 December 2026, 10:00–10:30 (Europe/Rome)". */
function meetingTime(start: string, end: string, timeZone: string): string {
  const day = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${day.format(new Date(start))}, ${time.format(new Date(start))}–${time.format(new Date(end))} (${timeZone})`;
}

/** The flow's small markdown as plain text, a link's address kept after its label. */
function markdownText(text: string): string {
  const walk = (nodes: MarkdownNode[]): string => nodes.map((node) => (node.type === 'text' ? node.text
    : node.type === 'link' ? `${walk(node.children)} (${node.href})` : walk(node.children))).join('');
  return walk(parseMarkdown(text));
}

/** A header-safe, one-line version of a value. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').slice(0, 300);
}
