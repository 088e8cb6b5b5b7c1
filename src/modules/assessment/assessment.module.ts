/** Vendor assessment (VA-1, VA-2): indicators per partner, region and month; scorecards. */
import type { Capability } from '../../app/capability.ts';
import { registerMessages } from '../../http/messages.ts';
import { grant } from '../access/policy.ts';
import { MANAGER_ROLES } from '../access/roles.ts';
import { registerAssessmentFeeds } from './assessment.feeds.ts';
import { assessmentRoutes } from './assessment.routes.ts';
import { scorecardRoutes } from './assessment.scorecards.routes.ts';

export const assessmentCapability: Capability = {
  name: 'assessment',
  routes: [...assessmentRoutes, ...scorecardRoutes],
  register() {
    // Managers of the operator and of a partner (held to that partner's own figures).
    grant('assessment.read', [...MANAGER_ROLES, 'auditor', 'admin']);
    // Changing the scheme and closing months: the operator's senior managers (own staff only).
    grant('assessment.manage', ['office_manager', 'department_chief', 'after_sales_director', 'admin']);
    // Complaints and major operations feed their indicators through their exported queries.
    registerAssessmentFeeds();
    registerMessages({
      assessment_month_open: {
        'zh-CN': '{month} 尚未结束，不能关账。',
        en: '{month} has not ended yet and cannot be closed.',
      },
      assessment_already_closed: {
        'zh-CN': '{month} 的考核已关账；如需更正，请提交带原因的新版本。',
        en: 'The assessment of {month} is closed; correct it with a new revision and a reason.',
      },
      assessment_not_closed: {
        'zh-CN': '{month} 的考核尚未关账，无需更正。',
        en: 'The assessment of {month} is not closed yet; there is nothing to correct.',
      },
    });
  },
};
