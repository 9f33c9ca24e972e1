/**
 * Mail over SMTP with nodemailer. The delivery worker talks to this small interface, so a test
 * can wrap the real transport (to make it fail once, or stall) without faking SMTP.
 */
import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../config.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** `<…@…>`: the same for every attempt at the same notice, so a receiver can drop a repeat. */
  messageId: string;
  /** A calendar file (kallelse): sent as text/calendar with its iTIP method, and as an .ics attachment. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string } | undefined;
}

export interface Mailer {
  /** The sender address (From). */
  readonly from: string;
  /** Resolves once the SMTP server has accepted the mail; rejects with the server's answer otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** A mailer over the configured SMTP server. */
export function smtpMailer(smtp: SmtpConfig): Mailer {
  // A small pool of kept-open connections: a sweep may queue hundreds of mails at once, and a new
  // SMTP handshake per mail would make the queue slower than it needs to be. (With SMTP_URL, add
  // ?pool=true to the URL for the same.)
  const transport = nodemailer.createTransport(smtp.url ?? {
    pool: true,
    maxConnections: 3,
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
  });
  return {
    from: smtp.from,
    async send(mail) {
      await transport.sendMail({
        from: smtp.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        // RFC 3834: an automatic message; out-of-office replies are not wanted.
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
        ...(mail.calendar ? { icalEvent: { method: mail.calendar.method, content: mail.calendar.content, filename: 'kallelse.ics' } } : {}),
      });
    },
    close: () => transport.close(),
  };
}

/** The domain part of the sender's address, for Message-IDs ('samplan.invalid' if there is none). */
export function senderDomain(from: string): string {
  const m = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return m ? m[1]!.toLowerCase() : 'samplan.invalid';
}
