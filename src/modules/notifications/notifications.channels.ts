/**
 * Delivery adapters: e-mail over SMTP (nodemailer), SMS through an HTTP webhook gateway, or the
 * development outbox table that stores SMS for inspection when no gateway is configured.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { AppContext } from '../../app/context.ts';
import { newId } from '../../shared/ids.ts';
import { notifySettings } from './notifications.settings.ts';
import type { OutboundMessageTable } from './notifications.tables.ts';

const transports = new Map<string, Transporter>();

function transportFor(url: string): Transporter {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url);
    transports.set(url, t);
  }
  return t;
}

/** Thrown when a channel is not configured; the message stays queued and is retried. */
export class ChannelNotConfigured extends Error {}

/** Sends one message on its channel; returns the provider's reference. Throws on failure. */
export async function deliver(ctx: AppContext, msg: OutboundMessageTable): Promise<string> {
  const settings = notifySettings(ctx.database);
  switch (msg.channel) {
    case 'email': {
      if (!settings.smtpUrl) throw new ChannelNotConfigured('SMTP_URL is not set');
      const info = await transportFor(settings.smtpUrl).sendMail({
        from: settings.smtpFrom,
        to: msg.to_address,
        subject: msg.subject,
        text: msg.body,
        headers: { 'X-Onsite-Message-Id': msg.id },
      });
      return String(info.messageId ?? '');
    }
    case 'sms': {
      if (settings.smsWebhookUrl) {
        const res = await fetch(settings.smsWebhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id: msg.id, to: msg.to_address, text: `${msg.subject} ${msg.body}` }),
          signal: AbortSignal.timeout(10_000),
        });
        if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
        return (await res.text()).slice(0, 200);
      }
      const id = newId();
      await ctx.db
        .insertInto('sms_outbox')
        .values({
          id,
          message_id: msg.id,
          to_address: msg.to_address,
          body: `${msg.subject} ${msg.body}`,
          created_at: ctx.clock.now().toISOString(),
        })
        .execute();
      return `outbox:${id}`;
    }
    default:
      throw new Error(`unknown channel ${msg.channel}`);
  }
}
