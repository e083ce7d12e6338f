/** Sending email over SMTP with nodemailer (`SMTP_URL`, e.g. smtps://user:pass@smtp.example.com:465). */
import nodemailer from 'nodemailer';
import type { RenderedEmail } from './emails.js';

/** An SMTP connection's settings. */
export interface MailerOptions {
  /** smtp:// (STARTTLS when offered) or smtps:// (TLS from the start), with the login in the URL. */
  url: string;
  /** The sender address (SMTP_FROM); without it each agent's own address is used. */
  from?: string;
  /** Connecting, the greeting and each exchange give up after this long (default 20 s). */
  timeoutMs?: number;
}

/** Sends rendered emails. */
export interface Mailer {
  readonly from?: string;
  /** Sends one message; rejects with the SMTP server's answer, or when `signal` aborts (the connection is closed). Returns the message id. */
  send(mail: RenderedEmail, signal?: AbortSignal): Promise<string>;
  close(): void;
}

/** A mailer over one pooled-less SMTP transport (a connection per message, so a restarted SMTP server is simply reconnected). */
export function createMailer(options: MailerOptions): Mailer {
  const timeout = options.timeoutMs ?? 20_000;
  const transport = nodemailer.createTransport({ url: options.url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  return {
    from: options.from,
    async send(mail, signal) {
      const info = await transport.sendMail({
        ...(signal ? { signal } : {}),
        // An address object, not a string: nodemailer would parse a string as a list of recipients.
        from: mail.from, to: { name: '', address: mail.to }, subject: mail.subject, text: mail.text,
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        ...(mail.icalEvent ? { icalEvent: mail.icalEvent } : {}),
      });
      return String(info.messageId ?? '');
    },
    close: () => transport.close(),
  };
}

/** The URL with its password hidden, for logs and the admin API. */
export function redactSmtpUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unreadable SMTP_URL';
  }
}
