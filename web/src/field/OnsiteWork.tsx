/**
 * What the engineer records at the site (WO-6, WO-8, WO-9): the signed service request, the
 * checklist and the day's log, training, device consents, photos and the engineer's signature.
 * The field app loads this part when an order has an arrival, so the first load of the day's
 * list does not carry its forms; the service worker keeps it for working offline.
 */
import { EngineerSignature } from '../components/EngineerSignature.tsx';
import { type Consent, ConsentsPanel, PhotosPanel } from '../components/EngineerTools.tsx';
import { OnsitePanel, type OnsiteRecord } from '../components/OnsitePanel.tsx';
import { TrainingPanel } from '../components/TrainingPanel.tsx';
import type { WorkOrder } from '../workOrders.ts';

export default function OnsiteWork({
  order,
  record,
  onSite,
  requestSigned,
}: {
  order: WorkOrder;
  /** The on-site record with what the phone still holds unsent laid over it. */
  record: (OnsiteRecord & { consents: Consent[] }) | undefined;
  /** The engineer is checked in and not yet out. */
  onSite: boolean;
  /** The server holds a signed service request (training is recorded after it, one signature at a time). */
  requestSigned: boolean;
}) {
  return (
    <>
      {onSite && record && <OnsitePanel orderId={order.id} record={record} />}
      {onSite && requestSigned && <TrainingPanel orderId={order.id} />}
      {onSite && record && (
        <ConsentsPanel
          orderId={order.id}
          consents={record.consents}
          signed={record.serviceRequests.length > 0}
        />
      )}
      <PhotosPanel orderId={order.id} />
      {(order.state === 'service_restored' || order.state === 'resolved') && order.arrivedAt && (
        <EngineerSignature orderId={order.id} />
      )}
    </>
  );
}
