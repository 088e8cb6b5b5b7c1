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
  board: {
    queue: '等待派工的工单（按超时风险排序）',
    empty: '没有待派的工单',
    map: '工单与工程师位置',
    legend: '地图上有 {{orders}} 个等待派工的工单、{{engineers}} 名工程师（最近一次签到的位置）',
    seen: '{{name}} · {{time}} 签到于此',
  },
  bulk: {
    selected: '已选 {{count}} 个工单',
    select: '选择 {{number}}',
    assign: '批量派工',
    severity: '批量修改严重程度',
    export: '导出所选',
    engineer: '派给哪位工程师',
    reason: '修改原因',
    apply: '应用到 {{count}} 个工单',
    result: '{{ok}} 个已完成，{{refused}} 个未执行',
    done: '已完成',
    refused: '未执行',
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
  board: {
    queue: 'Orders waiting for dispatch (most at risk first)',
    empty: 'No orders waiting for dispatch',
    map: 'Orders and engineers on the map',
    legend: '{{orders}} waiting orders and {{engineers}} engineers (where they last checked in) on the map',
    seen: '{{name}} · checked in here at {{time}}',
  },
  bulk: {
    selected: '{{count}} orders selected',
    select: 'Select {{number}}',
    assign: 'Dispatch selected',
    severity: 'Change severity of selected',
    export: 'Export selected',
    engineer: 'Engineer to dispatch to',
    reason: 'Reason for the change',
    apply: 'Apply to {{count}} orders',
    result: '{{ok}} done, {{refused}} not done',
    done: 'Done',
    refused: 'Not done',
  },
};
