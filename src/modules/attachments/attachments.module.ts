/** The attachments capability: its routes and what it registers. */
import type { Capability } from '../../app/capability.ts';
import { attachmentRoutes, registerAttachmentAccess } from './attachments.routes.ts';
import { registerAttachmentMessages } from './attachments.service.ts';

export const attachmentsCapability: Capability = {
  name: 'attachments',
  routes: attachmentRoutes,
  register() {
    registerAttachmentMessages();
    registerAttachmentAccess();
  },
};
