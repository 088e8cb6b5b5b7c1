/**
 * WO-9: the engineer signs the service report on the phone. The signature joins the site-work
 * queue, so it is kept at once and reaches the server when the network does.
 */
import { Button, Divider, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSendSiteWork } from '../offline/send.ts';
import { SignaturePad } from './SignaturePad.tsx';

export function EngineerSignature({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const { send } = useSendSiteWork();
  const [png, setPng] = useState<string | null>(null);
  const [kept, setKept] = useState(false);
  return (
    <section aria-label={t('field.kinds.engineer_signature')} style={{ width: '100%' }}>
      <Divider orientation="left" plain>
        {t('field.kinds.engineer_signature')}
      </Divider>
      {kept ? (
        <Tag color="green">{t('field.engineerSigned')}</Tag>
      ) : (
        <>
          <SignaturePad onChange={setPng} label={t('field.kinds.engineer_signature')} />
          <Button
            size="large"
            disabled={!png}
            onClick={async () => {
              await send({
                kind: 'engineer_signature',
                method: 'POST',
                url: `/api/v1/work-orders/${orderId}/engineer-signature`,
                body: { signaturePngBase64: png },
              });
              setKept(true);
            }}
          >
            {t('field.signAsEngineer')}
          </Button>
        </>
      )}
    </section>
  );
}
