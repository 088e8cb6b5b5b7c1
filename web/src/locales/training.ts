/** Words of the on-site training record (the engineer's tools). */
export const zh = {
  title: '现场培训',
  topic: '培训内容',
  trainees: '参训人员',
  signerName: '客户签字人',
  signature: '客户签字',
  save: '登记培训',
  none: '尚未登记培训',
  entry: '{{topic}} — {{trainees}}（{{signer}} 签字）',
};

export const en: typeof zh = {
  title: 'On-site training',
  topic: 'What was taught',
  trainees: 'Who attended',
  signerName: 'Signed by (customer staff)',
  signature: 'Customer signature',
  save: 'Record the training',
  none: 'No training recorded yet',
  entry: '{{topic}} — {{trainees}} (signed by {{signer}})',
};
