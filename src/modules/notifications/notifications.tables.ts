/**
 * Row types of notifications, outbound messages and the SMS outbox (domain.md §3). `DB` in src/db/schema.ts extends `NotificationTables`.
 * Times are ISO-8601 UTC text, flags 0/1, JSON as text, on both databases.
 */

import type { OutboundChannel, OutboundStatus } from './notifications.rules.ts';

export interface NotificationTable {
  id: string;
  person_id: string;
  /**
   * Open: each capability names its own notices (parts.low_stock, deadline.at_risk,
   * escalation.<rule kind> …), so no list here.
   */
  kind: string;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  subject_type: string | null;
  subject_id: string | null;
  escalation_id: string | null;
  critical: number;
  created_at: string;
  read_at: string | null;
  /** Repeated escalations of one subject share a key; the inbox groups them (null: on its own). */
  group_key: string | null;
  escalation_level: number | null;
}

export interface OutboundMessageTable {
  id: string;
  notification_id: string | null;
  person_id: string | null;
  channel: OutboundChannel;
  to_address: string;
  subject: string;
  body: string;
  critical: number;
  status: OutboundStatus;
  attempts: number;
  last_error: string | null;
  /** Quiet hours: not sent before this instant (never set for critical notices). */
  not_before: string;
  provider_ref: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface SmsOutboxTable {
  id: string;
  message_id: string;
  to_address: string;
  body: string;
  created_at: string;
}

/** Every table of this capability. */
export interface NotificationTables {
  notifications: NotificationTable;
  outbound_messages: OutboundMessageTable;
  sms_outbox: SmsOutboxTable;
}
