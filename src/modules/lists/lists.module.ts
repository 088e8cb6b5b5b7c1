import type { Capability } from '../../app/capability.ts';
import { entityNames } from '../../http/messages.ts';
import { listsRoutes } from './lists.routes.ts';

/** Lists people work in: saved views per person and Excel export of the order list. */
export const listsCapability: Capability = {
  name: 'lists',
  routes: listsRoutes,
  register: () => {
    entityNames.saved_view = { 'zh-CN': '保存的视图', en: 'saved view' };
  },
};
