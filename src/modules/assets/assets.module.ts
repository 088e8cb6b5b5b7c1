/** Instruments, vehicles and tool kits (RS-2) as a capability: permissions, the calibration timer, the dispatch check. */
import type { Capability } from '../../app/capability.ts';
import { entityNames } from '../../http/messages.ts';
import { grant } from '../access/policy.ts';
import { MANAGER_ROLES } from '../access/roles.ts';
import { registerCandidateCheck } from '../dispatch/dispatch.checks.ts';
import { ASSETS_MANAGE, ASSETS_READ, assetsRoutes } from './assets.routes.ts';
import { calibrationFindings, registerCalibrationTimer } from './assets.service.ts';

export const assetsCapability: Capability = {
  name: 'assets',
  routes: assetsRoutes,
  register() {
    grant(ASSETS_READ, ['dispatcher', 'engineer', 'auditor', 'admin', ...MANAGER_ROLES]);
    grant(ASSETS_MANAGE, ['dispatcher', 'admin', ...MANAGER_ROLES]);
    Object.assign(entityNames, { asset: { 'zh-CN': '工器具', en: 'asset' } });
    registerCalibrationTimer();
    registerCandidateCheck('instrument_calibration', calibrationFindings);
  },
};
