/** Delivery settings: SMTP_URL, SMTP_FROM, SMS_WEBHOOK_URL, QUIET_HOURS, CRITICAL_ESCALATION_MINUTES. */
import { ConfigError, intSetting } from '../../config.ts';
import type { OnsiteDatabase } from '../../db/database.ts';
import { parseQuietHours, type QuietHours } from './notifications.rules.ts';

/** How notices leave the building. */
export interface NotifySettings {
  /** smtp://user:pass@host:port — e-mail is queued but not sent while unset. */
  smtpUrl: string | null;
  smtpFrom: string;
  /** HTTP gateway for SMS; without it SMS goes to the development outbox table. */
  smsWebhookUrl: string | null;
  quietHours: QuietHours | null;
  /** SL-3: an unacknowledged critical notice climbs every this many minutes. */
  criticalStepMinutes: number;
  defaultTimeZone: string;
}

/** Reads the settings from the environment. */
export function notifySettingsFromEnv(env: NodeJS.ProcessEnv = process.env): NotifySettings {
  const step = intSetting(env, 'CRITICAL_ESCALATION_MINUTES', 10, 1, 1440);
  const smtpUrl = env.SMTP_URL || null;
  if (smtpUrl && !/^smtps?:\/\/[^/]/.test(smtpUrl)) {
    throw new ConfigError('SMTP_URL', `must look like smtp://user:password@host:port or smtps://…`);
  }
  const smsWebhookUrl = env.SMS_WEBHOOK_URL || null;
  if (smsWebhookUrl && !/^https?:\/\/[^/]/.test(smsWebhookUrl)) {
    throw new ConfigError('SMS_WEBHOOK_URL', 'must be an http:// or https:// URL');
  }
  let quietHours: QuietHours | null;
  try {
    quietHours = parseQuietHours(env.QUIET_HOURS ?? '22:00-07:00');
  } catch (err) {
    throw new ConfigError('QUIET_HOURS', (err as Error).message);
  }
  return {
    smtpUrl,
    smtpFrom: env.SMTP_FROM || 'Onsite <onsite@localhost>',
    smsWebhookUrl,
    quietHours,
    criticalStepMinutes: step,
    defaultTimeZone: env.ONSITE_TIME_ZONE || 'Asia/Shanghai',
  };
}

const overrides = new WeakMap<OnsiteDatabase, NotifySettings>();
let fromEnv: NotifySettings | null = null;

/** The settings in force for a database (tests and embedders may override per database). */
export function notifySettings(database: OnsiteDatabase): NotifySettings {
  const o = overrides.get(database);
  if (o) return o;
  fromEnv ??= notifySettingsFromEnv();
  return fromEnv;
}

/** Overrides settings for one open database. */
export function configureNotifications(database: OnsiteDatabase, patch: Partial<NotifySettings>): void {
  overrides.set(database, { ...notifySettings(database), ...patch });
}
