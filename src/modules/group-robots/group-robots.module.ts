/** The group-robots capability: WeCom and DingTalk group chats as a notification channel. */
import type { Capability } from '../../app/capability.ts';
import { entityNames } from '../../http/messages.ts';
import { grant } from '../access/policy.ts';
import { groupRobotRoutes } from './group-robots.routes.ts';
import { registerGroupRobots } from './group-robots.service.ts';

export const groupRobotsCapability: Capability = {
  name: 'group-robots',
  routes: groupRobotRoutes,
  register() {
    grant('group_robots.read', ['admin', 'auditor', 'after_sales_director']);
    grant('group_robots.manage', ['admin']);
    entityNames.group_robot = { 'zh-CN': '群机器人', en: 'group robot' };
    registerGroupRobots();
  },
};
