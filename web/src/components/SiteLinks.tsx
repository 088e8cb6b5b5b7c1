/**
 * Getting to the site and handing over the customer's link: a button that opens the phone's
 * map app at the site (AMap, Baidu, Apple or Google), and the customer page as a QR code.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { cachedGet } from '../offline/store.ts';
import { FormErrors } from './FormErrors.tsx';

interface Site {
  id: string;
  name: string;
  address: string;
  lat: number | null;
  lng: number | null;
}

/**
 * Map-app links to a site. Positions are WGS-84 (GPS); AMap and Baidu are told so and convert
 * to their own datums (GCJ-02, BD-09) themselves. Without a pin the address is searched.
 */
export function mapLinks(site: Site): Record<'amap' | 'baidu' | 'apple' | 'google', string> {
  const name = encodeURIComponent(site.name);
  const q = encodeURIComponent(site.address || site.name);
  if (site.lat === null || site.lng === null) {
    return {
      amap: `https://uri.amap.com/search?keyword=${q}`,
      baidu: `https://api.map.baidu.com/geocoder?address=${q}&output=html`,
      apple: `https://maps.apple.com/?q=${q}`,
      google: `https://www.google.com/maps/search/?api=1&query=${q}`,
    };
  }
  const { lat, lng } = site;
  return {
    amap: `https://uri.amap.com/navigation?to=${lng},${lat},${name}&mode=car&coordinate=wgs84&callnative=1`,
    baidu: `https://api.map.baidu.com/direction?destination=latlng:${lat},${lng}|name:${name}&coord_type=wgs84&mode=driving&output=html`,
    apple: `https://maps.apple.com/?daddr=${lat},${lng}&q=${name}`,
    google: `https://www.google.com/maps/dir/?api=1&destination=${lat},${lng}`,
  };
}

/** Navigation to the order's site. */
export function NavigateButton({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const site = useQuery({
    queryKey: ['site', siteId],
    networkMode: 'always',
    queryFn: () => cachedGet<Site>(`/api/v1/sites/${siteId}`),
  });
  if (!site.data) return null;
  const links = mapLinks(site.data);
  // The other map apps fold out under a plain disclosure: no menu component on the phone's first load.
  return (
    <div>
      <Button size="large" href={links.amap} target="_blank" rel="noreferrer">
        {t('field.navigate')}
      </Button>
      <details style={{ marginTop: 4 }}>
        <summary style={{ cursor: 'pointer', padding: '4px 0' }}>{t('field.otherMaps')}</summary>
        <Space wrap>
          {(['baidu', 'apple', 'google'] as const).map((k) => (
            <a key={k} href={links[k]} target="_blank" rel="noreferrer">
              {t(`field.navApps.${k}`)}
            </a>
          ))}
        </Space>
      </details>
    </div>
  );
}

/** Issues the customer's link and shows it as a QR code to scan from the engineer's phone. */
export function CustomerQr({ orderId, number }: { orderId: string; number: string }) {
  const { t } = useTranslation();
  const [qr, setQr] = useState<{ url: string; image: string } | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const show = async () => {
    setBusy(true);
    setErrors([]);
    try {
      const link = await api<{ path: string }>('POST', `/api/v1/work-orders/${orderId}/customer-links`, {});
      const url = `${window.location.origin}${link.path}`;
      // The encoder loads only when asked for, so it does not weigh on the phone's first load.
      const { toDataURL } = await import('qrcode');
      setQr({ url, image: await toDataURL(url, { margin: 1, width: 220 }) });
    } catch (err) {
      setErrors([err instanceof Error ? err.message : String(err)]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="customer-qr">
      <FormErrors errors={errors} />
      {qr ? (
        <Space direction="vertical" align="center" style={{ width: '100%' }}>
          <img src={qr.image} width={220} height={220} alt={t('field.customerQrAlt', { number })} />
          <span className="field-secondary">{t('field.customerQrHelp')}</span>
        </Space>
      ) : (
        <Button size="large" loading={busy} onClick={() => void show()}>
          {t('field.customerQr')}
        </Button>
      )}
    </div>
  );
}
