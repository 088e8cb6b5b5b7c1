/**
 * The dispatcher board's map: the unassigned orders on this page of the queue at their sites
 * (coloured by severity) and each engineer where their latest check-in put them, on the console's
 * base map — so it draws offline too.
 */
import L from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MapBox, useBaseMap } from '../../components/BaseMap.tsx';
import { formatTime } from '../../time.ts';
import { SEVERITY_FILL } from '../plans/PlanMap.tsx';

export interface MapOrder {
  orderId: string;
  number: string;
  severity: string;
  siteName: string | null;
  siteLat: number | null;
  siteLng: number | null;
}
export interface MapEngineer {
  personId: string;
  name: string;
  lat: number;
  lng: number;
  at: string;
}

export function BoardMap({ orders, engineers }: { orders: MapOrder[]; engineers: MapEngineer[] }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const base = useBaseMap(box);
  const placed = useMemo(() => orders.filter((o) => o.siteLat !== null && o.siteLng !== null), [orders]);

  useEffect(() => {
    if (!base) return;
    const { map, layer } = base;
    layer.clearLayers();
    const bounds: L.LatLngExpression[] = [];
    for (const o of placed) {
      const at: L.LatLngExpression = [o.siteLat as number, o.siteLng as number];
      L.circleMarker(at, {
        radius: 8,
        color: '#262626',
        weight: 1,
        fillColor: SEVERITY_FILL[o.severity] ?? '#1677ff',
        fillOpacity: 0.9,
      })
        .bindTooltip(`${o.number}${o.siteName ? ` · ${o.siteName}` : ''}`)
        .addTo(layer);
      bounds.push(at);
    }
    for (const e of engineers) {
      L.circleMarker([e.lat, e.lng], {
        radius: 5,
        color: '#1f5fbf',
        weight: 2,
        fillColor: '#fff',
        fillOpacity: 1,
      })
        .bindTooltip(t('lists.board.seen', { name: e.name, time: formatTime(e.at) }))
        .addTo(layer);
      bounds.push([e.lat, e.lng]);
    }
    if (bounds.length) map.fitBounds(L.latLngBounds(bounds), { padding: [24, 24], maxZoom: 12 });
  }, [base, placed, engineers, t]);

  return (
    <div data-testid="board-map-panel" data-orders={placed.length} data-engineers={engineers.length}>
      <MapBox box={box} testId="board-map" height={420} />
      <div style={{ fontSize: 12, color: '#595959', marginTop: 4 }}>
        {t('lists.board.legend', { orders: placed.length, engineers: engineers.length })}
      </div>
    </div>
  );
}
