/**
 * The console's map (Leaflet): tiles from VITE_MAP_TILES when the build sets it; without it the
 * bundled region outline is the base layer, so every map works offline. The plan page and the
 * dispatcher board draw their own layers on it.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { guizhouOutline } from '../pages/plans/regionOutline.ts';

const tiles = (import.meta as unknown as { env: Record<string, string | undefined> }).env.VITE_MAP_TILES;

/** Creates the map once in `box` and returns it with a layer group the caller redraws. */
export function useBaseMap(box: RefObject<HTMLDivElement | null>) {
  const [ready, setReady] = useState<{ map: L.Map; layer: L.LayerGroup } | null>(null);
  const made = useRef(false);
  useEffect(() => {
    if (!box.current || made.current) return;
    made.current = true;
    const m = L.map(box.current, { zoomControl: true, attributionControl: !!tiles });
    if (tiles) L.tileLayer(tiles, { maxZoom: 18 }).addTo(m);
    else
      L.geoJSON(guizhouOutline, {
        style: { color: '#8c8c8c', weight: 1, fillColor: '#f5f5f5', fillOpacity: 0.6 },
      }).addTo(m);
    m.setView([26.6, 106.7], 7);
    setReady({ map: m, layer: L.layerGroup().addTo(m) });
    return () => {
      m.remove();
      made.current = false;
      setReady(null);
    };
  }, [box]);
  return ready;
}

/** The map's box and, offline, the note that the outline is only a locator. */
export function MapBox({
  box,
  testId,
  height = 360,
}: {
  box: RefObject<HTMLDivElement | null>;
  testId: string;
  height?: number;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <div ref={box} data-testid={testId} style={{ height, borderRadius: 6, background: '#fafafa' }} />
      {!tiles && <div style={{ fontSize: 12, color: '#595959', marginTop: 4 }}>{t('plans.offline')}</div>}
    </div>
  );
}
