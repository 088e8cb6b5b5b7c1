/**
 * The demo's steps, in order. A capability that brings its own demo records (work orders,
 * inspections …) adds its step at the end of this list.
 */
import type { DemoStep } from '../loader.ts';
import { assessmentHistoryStep } from './assessment-history.ts';
import { complaintsStep } from './complaints.ts';
import { customersStep } from './customers.ts';
import { fieldResourcesStep } from './field-resources.ts';
import { operationsStep } from './operations.ts';
import { partnersStep, regionsStep } from './organisation.ts';
import { accountsStep, customerPeopleStep, engineersStep } from './people.ts';
import { resourcesStep } from './resources.ts';
import { selfServiceStep } from './self-service.ts';
import { sitesStep } from './sites.ts';
import { workOrdersStep } from './work-orders.ts';

export const demoSteps: DemoStep[] = [
  regionsStep,
  partnersStep,
  customersStep,
  accountsStep,
  customerPeopleStep,
  engineersStep,
  sitesStep,
  // The past year first, so time only moves forward into today's open orders.
  assessmentHistoryStep,
  workOrdersStep,
  complaintsStep,
  operationsStep,
  resourcesStep,
  fieldResourcesStep,
  selfServiceStep,
];
