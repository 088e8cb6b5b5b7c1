/** Regions as the API returns them, and helpers to show them as a tree. */
import { useQuery } from '@tanstack/react-query';
import { api, type ListPage } from './api.ts';
import { settingsKeys } from './queries/settings.ts';

/** A region (province → prefecture → county). */
export interface Region {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  nameEn: string | null;
  level: 'province' | 'prefecture' | 'county';
  timeZone: string;
  createdAt: string;
  updatedAt: string;
}

/** A node of the region tree, in antd's TreeSelect/Tree shape. */
export interface RegionNode {
  key: string;
  value: string;
  title: string;
  region: Region;
  children: RegionNode[];
}

/** Every region the person may see (the API caps a page at 500; a province has far fewer). */
export function useRegions() {
  return useQuery({
    queryKey: settingsKeys.regions,
    queryFn: () => api<ListPage<Region>>('GET', '/api/v1/regions?limit=500'),
  });
}

/** The region's name in the console's language. */
export function regionName(r: Region, lang: string): string {
  return lang === 'en' && r.nameEn ? r.nameEn : r.name;
}

/** Builds the tree; regions whose parent is not visible become roots (a partner's view). */
export function regionTree(regions: Region[], lang: string): RegionNode[] {
  const nodes = new Map<string, RegionNode>();
  for (const r of regions) {
    nodes.set(r.id, {
      key: r.id,
      value: r.id,
      title: `${regionName(r, lang)} (${r.code})`,
      region: r,
      children: [],
    });
  }
  const roots: RegionNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.region.parentId ? nodes.get(n.region.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  const sort = (list: RegionNode[]) => {
    list.sort((a, b) => a.region.code.localeCompare(b.region.code));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}
