/**
 * The plan on a map (DP-2): each engineer's route as a line in their colour, stops coloured by
 * severity and ringed red when late or outside the appointment, on the console's base map
 * (configurable tiles, bundled outline offline).
 */
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MapBox, useBaseMap } from '../../components/BaseMap.tsx';
import type { Plan } from './PlanPage.tsx';

export const ROUTE_COLOURS = [
  '#1f5fbf',
  '#d46b08',
  '#389e0d',
  '#722ed1',
  '#c41d7f',
  '#08979c',
  '#7c6f00',
  '#595959',
];
export const SEVERITY_FILL: Record<string, string> = {
  critical: '#cf1322',
  major: '#fa8c16',
  minor: '#1677ff',
  advisory: '#8c8c8c',
};
export function PlanMap({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const base = useBaseMap(box);

  useEffect(() => {
    if (!base) return;
    const { map: m, layer: g } = base;
    g.clearLayers();
    const bounds: L.LatLngExpression[] = [];
    plan.routes.forEach((r, i) => {
      const colour = ROUTE_COLOURS[i % ROUTE_COLOURS.length] as string;
      const home = plan.engineers.find((e) => e.personId === r.personId);
      const line: L.LatLngExpression[] = [];
      if (home) line.push([home.lat, home.lng]);
      for (const s of r.stops) line.push([s.lat, s.lng]);
      if (home) line.push([home.lat, home.lng]);
      L.polyline(line, { color: colour, weight: 3, opacity: 0.8 }).addTo(g);
      if (home)
        L.circleMarker([home.lat, home.lng], { radius: 5, color: colour, fillOpacity: 1 })
          .bindTooltip(r.name)
          .addTo(g);
      r.stops.forEach((s, k) => {
        const risky = s.lateMinutes > 0 || s.missesWindow;
        L.circleMarker([s.lat, s.lng], {
          radius: 8,
          color: risky ? '#a8071a' : colour,
          weight: risky ? 3 : 2,
          fillColor: SEVERITY_FILL[s.severity] ?? '#1677ff',
          fillOpacity: 0.9,
        })
          .bindTooltip(
            `${r.name} ${k + 1}. ${s.number}${s.lateMinutes ? ` · ${t('plans.late', { m: s.lateMinutes })}` : ''}`,
          )
          .addTo(g);
        bounds.push([s.lat, s.lng]);
      });
      if (home) bounds.push([home.lat, home.lng]);
    });
    if (bounds.length) m.fitBounds(L.latLngBounds(bounds), { padding: [24, 24], maxZoom: 13 });
  }, [plan, t, base]);

  return <MapBox box={box} testId="plan-map" />;
}
