/**
 * The words of the console's own pages (operations, wording, resources, assessment, settings,
 * plans and duty, capacity, robots, lists, self-service). The console's shell adds them when it
 * starts (App.tsx), so the engineer's field app does not load them; zh-CN.ts and en.ts hold the
 * words both shells use. The English is typed against the Chinese, as in en.ts.
 */
import { en as assessmentEn, zh as assessmentZh } from './assessment.ts';
import { en as capacityEn, zh as capacityZh } from './capacity.ts';
import type { Shape } from './en.ts';
import { en as listsEn, zh as listsZh } from './lists.ts';
import { operationsEn, operationsZh } from './operations.ts';
import { dutyEn, dutyZh, plansEn, plansZh } from './plans.ts';
import { en as resourcesEn, zh as resourcesZh } from './resources.ts';
import { en as robotsEn, zh as robotsZh } from './robots.ts';
import { en as selfServiceEn, zh as selfServiceZh } from './selfService.ts';
import { en as settingsEn, zh as settingsZh } from './settings.ts';
import { en as wordingEn, zh as wordingZh } from './wording.ts';

export const consoleZh = {
  wording: wordingZh,
  robots: robotsZh,
  settings: settingsZh,
  assessment: assessmentZh,
  plans: plansZh,
  duty: dutyZh,
  operations: operationsZh,
  lists: listsZh,
  selfService: selfServiceZh,
  resources: resourcesZh,
  capacity: capacityZh,
};

export const consoleEn: Shape<typeof consoleZh> = {
  wording: wordingEn,
  robots: robotsEn,
  settings: settingsEn,
  assessment: assessmentEn,
  plans: plansEn,
  duty: dutyEn,
  operations: operationsEn,
  lists: listsEn,
  selfService: selfServiceEn,
  resources: resourcesEn,
  capacity: capacityEn,
};
