/**
 * A bundled, deliberately coarse outline of Guizhou province (about a dozen vertices, traced by
 * hand from its extent 103.6–109.6°E, 24.6–29.2°N) so the plan map has a base layer offline. It
 * is a locator, not a boundary: the page says so under the map.
 */
export const guizhouOutline = {
  type: 'Feature' as const,
  properties: { name: '贵州省' },
  geometry: {
    type: 'Polygon' as const,
    coordinates: [
      [
        [104.0, 27.3],
        [105.3, 28.0],
        [106.2, 28.9],
        [107.4, 29.2],
        [108.6, 28.7],
        [109.5, 27.8],
        [109.3, 26.6],
        [108.9, 25.8],
        [107.8, 25.3],
        [106.6, 25.1],
        [105.6, 24.7],
        [104.6, 24.9],
        [103.7, 25.8],
        [104.0, 27.3],
      ],
    ],
  },
};
