/** Words of the order list's saved views, Excel export and the header's search. */
export const zh = {
  search: {
    label: '搜索工单',
    placeholder: '工单号、电话、客户、站点、设备序列号',
    shortcut: '按 / 键开始搜索',
  },
  views: {
    label: '保存的视图',
    placeholder: '打开保存的视图',
    save: '保存当前视图',
    name: '视图名称',
    saved: '已保存视图“{{name}}”',
    remove: '删除视图“{{name}}”',
    removed: '已删除视图“{{name}}”',
  },
  export: {
    button: '导出 Excel',
    done: '已导出 {{file}}',
  },
};

export const en: typeof zh = {
  search: {
    label: 'Search orders',
    placeholder: 'Order number, phone, customer, site, serial number',
    shortcut: 'Press / to search',
  },
  views: {
    label: 'Saved views',
    placeholder: 'Open a saved view',
    save: 'Save this view',
    name: 'View name',
    saved: 'Saved the view “{{name}}”',
    remove: 'Remove the view “{{name}}”',
    removed: 'Removed the view “{{name}}”',
  },
  export: {
    button: 'Export to Excel',
    done: 'Exported {{file}}',
  },
};
