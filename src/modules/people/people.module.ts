/** The people capability: its routes and what it registers. */
import type { Capability } from '../../app/capability.ts';
import { peopleRoutes, registerPeopleMessages } from './people.routes.ts';

export const peopleCapability: Capability = {
  name: 'people',
  routes: peopleRoutes,
  register() {
    registerPeopleMessages();
  },
};
