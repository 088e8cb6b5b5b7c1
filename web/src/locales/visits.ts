/** Words of the order page's site-visit list: where each engineer checked in, against the site's pin. */
export const zh = {
  title: '到场记录',
  engineer: '工程师',
  checkIn: '签到时间',
  checkOut: '签退时间',
  where: '签到位置',
  distance: '距现场 {{distance}}',
  far: '离现场太远',
  near: '在现场附近',
  noPosition: '签到时没有定位',
  noPin: '现场没有标注位置，无法比对',
  none: '还没有到场记录',
  stillOnSite: '仍在现场',
};

export const en: typeof zh = {
  title: 'Site visits',
  engineer: 'Engineer',
  checkIn: 'Checked in',
  checkOut: 'Checked out',
  where: 'Check-in place',
  distance: '{{distance}} from the site',
  far: 'Too far from the site',
  near: 'At the site',
  noPosition: 'No position given at check-in',
  noPin: 'The site has no pin to compare with',
  none: 'No visits yet',
  stillOnSite: 'Still on site',
};
