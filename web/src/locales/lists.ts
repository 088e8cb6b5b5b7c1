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
  drag: {
    hint: '把工单行拖到工程师所在行即可派工；系统按派工规则判断能否派给该工程师。',
    done: '已把 {{number}} 派给{{name}}',
    refused: '{{number}} 不能派给{{name}}',
    row: '拖到此处派给{{name}}',
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
  drag: {
    hint: 'Drag an order row onto an engineer’s row to dispatch it; the dispatch rules decide whether that engineer may take it.',
    done: 'Dispatched {{number}} to {{name}}',
    refused: '{{number}} cannot go to {{name}}',
    row: 'Drop here to dispatch to {{name}}',
  },
};
