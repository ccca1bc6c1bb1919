import 'server-only';
import nodemailer from 'nodemailer';
import { getEnv } from '@/lib/env';

/**
 * Where an outbox message goes. Each kind of message (sms, email, letter, in_app) has one channel, chosen from
 * the environment: the dev outbox by default (the message stays in the outbox table, which admins read at
 * /staff/outbox, so a demo needs no provider), SMTP for e-mail when SMTP_URL is set, and an SMS provider's HTTP
 * gateway when SMS_HTTP_URL is set. Another provider is another object with this shape (README, "Channels").
 *
 * Delivery happens once: a transactional channel delivers inside the dispatcher's transaction (the dev outbox's
 * delivery is the commit itself); any other channel is handed one message per transaction with the message's id
 * as its idempotency key (the SMTP Message-ID, the gateway's reference), so a worker that dies after the provider
 * accepted a message but before recording it can hand it over again only with the same key, which a provider
 * that deduplicates by key delivers once.
 */
export type OutboxKind = 'sms' | 'email' | 'letter' | 'in_app';
export type OutboxMessage = { id: string; channel: OutboxKind; toAddress: string; subject: string | null; body: string };

export interface NotificationChannel {
  readonly name: string;
  readonly transactional: boolean;
  send(message: OutboxMessage): Promise<void>;
}

/** Keeps the message in the outbox table only; the dev outbox page is its inbox. */
export const devOutboxChannel: NotificationChannel = { name: 'dev-outbox', transactional: true, async send() {} };

export function smtpChannel(url: string, from: string): NotificationChannel {
  const transport = nodemailer.createTransport(url);
  return {
    name: 'smtp',
    transactional: false,
    async send(message) {
      await transport.sendMail({ from, to: message.toAddress, subject: message.subject ?? '', text: message.body, messageId: `<${message.id}@concord>` });
    },
  };
}

/**
 * An SMS provider's HTTP gateway: POST {to, text, reference} as JSON with a bearer token; any 2xx is accepted.
 * Providers with their own API (Aliyun SMS, Tencent Cloud SMS, Twilio) are wrapped the same way: the reference
 * is their client message id (OutId, SessionContext, idempotency key).
 */
export function httpSmsChannel(url: string, token: string | undefined): NotificationChannel {
  return {
    name: 'sms-http',
    transactional: false,
    async send(message) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ to: message.toAddress, text: message.body, reference: message.id }),
        signal: AbortSignal.timeout(15_000),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
    },
  };
}

let configured: Record<OutboxKind, NotificationChannel> | undefined;

export function channelFor(kind: OutboxKind): NotificationChannel {
  if (!configured) {
    const env = getEnv();
    configured = {
      sms: env.SMS_HTTP_URL ? httpSmsChannel(env.SMS_HTTP_URL, env.SMS_HTTP_TOKEN) : devOutboxChannel,
      email: env.SMTP_URL ? smtpChannel(env.SMTP_URL, env.SMTP_FROM) : devOutboxChannel,
      // Letters are printed from the outbox (their PDF, with its QR code, from /api/invitations/:id/letter).
      letter: devOutboxChannel,
      in_app: devOutboxChannel,
    };
  }
  return configured[kind];
}

/** For tests: use these channels instead of the environment's. */
export function useChannels(channels: Partial<Record<OutboxKind, NotificationChannel>> | null) {
  configured = channels ? { sms: devOutboxChannel, email: devOutboxChannel, letter: devOutboxChannel, in_app: devOutboxChannel, ...channels } : undefined;
}
