/**
 * Demo step (issue 17 item 7): the demo's customer sign-ins (the escort of 移动贵阳分公司 and the
 * home-broadband subscriber) each report a fault through their own page, the same service the
 * page calls, so /my shows orders that really are theirs; the escort's is then accepted, so
 * following it shows progress past "received".
 */
import { actorFor } from '../../../modules/access/access.service.ts';
import { reportFault } from '../../../modules/self-service/self-service.service.ts';
import { transition } from '../../../modules/work-orders/work-orders.service.ts';
import type { DemoStep } from '../loader.ts';

/** What each customer role reports, in the words a customer would use. */
const REPORTS: Record<string, { symptom: string; serviceDown: boolean; minutesAgo: number }> = {
  customer_escort: {
    symptom: '机房里的传输设备有一块板卡红灯常亮，部分基站业务时断时续，机房值班员已重启过一次没有好转。',
    serviceDown: true,
    minutesAgo: 45,
  },
  end_customer: {
    symptom: '家里宽带从今天早上开始上不了网，光猫上的 LOS 灯一直闪红灯，电视也看不了。',
    serviceDown: true,
    minutesAgo: 90,
  },
};

export const selfServiceStep: DemoStep = {
  name: 'self-service',
  async run(s) {
    let made = 0;
    for (const login of s.logins) {
      const role = login.roles.find((r) => REPORTS[r]);
      const person = s.people.find((p) => p.username === login.username);
      if (!role || !person?.customerId) continue;
      const site = s.sites.find((x) => x.customerId === person.customerId);
      if (!site) continue;
      const actor = await actorFor(s.ctx, person.id, 'session');
      if (!actor) throw new Error(`demo data: ${login.username} cannot sign in`);
      const r = REPORTS[role]!;
      const order = await reportFault(s.ctx, actor, {
        siteId: site.id,
        symptom: r.symptom,
        occurredAt: new Date(s.ctx.clock.now().getTime() - r.minutesAgo * 60_000).toISOString(),
        serviceDown: r.serviceDown,
      });
      if (role === 'customer_escort') {
        // Taken on by its owner, as the call center would: the escort's page then says someone looks after it.
        const owner = await actorFor(s.ctx, order.owner_id, 'session');
        if (owner) await transition(s.ctx, owner, order.id, 'accepted');
      }
      made += 1;
    }
    return `${made} faults reported by customers through their own page`;
  },
};
