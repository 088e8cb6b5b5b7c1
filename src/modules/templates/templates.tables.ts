/** Row types of message templates (CW-3). `DB` in src/db/schema.ts extends `TemplateTables`. */
import type { TemplateChannel, TemplatePurpose } from './templates.defaults.ts';

export interface MessageTemplateTable {
  id: string;
  /** Stable key used by code and integrations, e.g. 'late.notice'. */
  code: string;
  purpose: TemplatePurpose;
  channel: TemplateChannel;
  name_zh: string;
  name_en: string;
  /** JSON text: the variable names the bodies may use (types in templates.rules.ts VARIABLES). */
  variables: string;
  body_zh: string;
  body_en: string;
  active: number;
  /** Starts at 1; each saved change adds one; earlier bodies are in history. */
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TemplateTables {
  message_templates: MessageTemplateTable;
}
