/** Row types of the group-robot channel. `DB` in src/db/schema.ts extends `GroupRobotTables`. */
import type { RobotProvider } from './group-robots.rules.ts';

/** A team-chat group robot: notices of its region (and below) are posted to the group. */
export interface GroupRobotTable {
  id: string;
  name: string;
  provider: RobotProvider;
  /** The robot's webhook address; its key or access token is a secret and never shown in full. */
  webhook_url: string;
  /** DingTalk's signing secret (加签); null when the robot does not sign. Never shown. */
  secret: string | null;
  /** Only notices about this region and the regions below it; null: the whole organisation. */
  region_id: string | null;
  /** 1: only critical notices (SL-3, MO-9); 0: every escalation as well. */
  critical_only: number;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

/** One post to a robot, with its delivery state (sent by a durable timer, retried with backoff). */
export interface GroupRobotMessageTable {
  id: string;
  robot_id: string;
  /** The notification's kind: open, each capability names its own notices. */
  notice_kind: string;
  subject_type: string | null;
  subject_id: string | null;
  critical: number;
  content: string;
  /** JSON text: mobile numbers to mention (@) in the group, for critical notices. */
  mentions: string;
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  last_error: string | null;
  not_before: string;
  created_at: string;
  sent_at: string | null;
}

export interface GroupRobotTables {
  group_robots: GroupRobotTable;
  group_robot_messages: GroupRobotMessageTable;
}
