/**
 * Demo step: the resources of Guizhou's three maintenance vendors (seed 004) — spare-part
 * depots (two per vendor in the full demo; in the small one, two for the first vendor and one
 * for each other) with stock received, parts reserved, issued and consumed on real open orders, a faulty board returned with its fault code, a transfer and a stock-take, and
 * minimums some parts have fallen below; a tool kit and meters per engineer (some calibrations
 * lapsed or due soon) and a vehicle per team; and each vendor's subscriber ledger reconciled
 * with an EOMS export that disagrees in a handful of lines, some differences already settled.
 * Everything goes through the services, so stock, notices and history are what they would be.
 */

import { createAsset } from '../../../modules/assets/assets.service.ts';
import { csvRecords } from '../../../modules/ledger/ledger.read.ts';
import { importFile, listItems, resolveItem } from '../../../modules/ledger/ledger.service.ts';
import { createDepot, createPart, recordMovement, setMinimum } from '../../../modules/parts/parts.service.ts';
import type { PartTable } from '../../../modules/parts/parts.tables.ts';
import { addDays, type DemoState, type DemoStep, prefectureByCode } from '../loader.ts';

const PARTS = [
  { code: 'GPBD', name: 'GPON 业务板', product: '华为 OLT MA5800', unit: '块', min: 4 },
  { code: 'MPLB', name: 'MA5800 主控板', product: '华为 OLT MA5800', unit: '块', min: 2 },
  { code: 'GFBH', name: 'C600 业务板', product: '中兴 ZXA10 C600', unit: '块', min: 3 },
  { code: 'SFP-1G', name: '光模块 1.25G SFP', product: null, unit: '个', min: 10 },
  { code: 'ONU-HG', name: '光猫 HG8145', product: null, unit: '台', min: 8 },
  { code: 'PIGTAIL', name: '尾纤 SC-LC 3 米', product: null, unit: '根', min: 20 },
];
const INSTRUMENTS = [
  { type: 'OPM', name: '光功率计' },
  { type: 'RED_LIGHT', name: '红光笔' },
  { type: 'OTDR', name: 'OTDR 光时域反射仪' },
];

/** A CSV file's records in memory (what the import reads from an upload). */
async function* recordsOf(rows: string[][]): AsyncGenerator<string[]> {
  yield* csvRecords(
    (async function* () {
      yield `${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
    })(),
  );
}

async function depotsAndStock(s: DemoState, parts: PartTable[]): Promise<number> {
  const orders = await s.ctx.db
    .selectFrom('work_orders')
    .select(['id', 'partner_id', 'owner_id'])
    .where('state', 'not in', ['closed', 'cancelled'])
    .execute();
  let movements = 0;
  const move = async (depotId: string, input: Parameters<typeof recordMovement>[3]) => {
    await recordMovement(s.ctx, s.actor, depotId, input);
    movements += 1;
  };
  for (const partner of s.partners) {
    const keeper = s.people.find(
      (p) => p.partnerId === partner.id && (p.roles as string[]).includes('dispatcher'),
    );
    const engineers = s.engineers.filter((e) => e.partnerId === partner.id);
    const depots: string[] = [];
    // The small demo keeps to what each page needs: one transfer (so two depots) is enough.
    const depotCount = s.scale.name === 'full' || partner === s.partners[0] ? 2 : 1;
    for (const code of partner.data.prefectureCodes.slice(0, depotCount)) {
      const pref = prefectureByCode(s, code);
      const depot = await createDepot(s.ctx, s.actor, {
        code: `${partner.data.code}-${code}`,
        name: `${partner.data.name}${pref.data.name}备件库`,
        regionId: pref.region.id,
        partnerId: partner.id,
        keeperId: keeper?.id ?? null,
      });
      depots.push(depot.id);
      for (const part of parts) {
        const spec = PARTS.find((p) => p.code === part.code);
        await move(depot.id, {
          kind: 'receive',
          partId: part.id,
          // Boards run short everywhere (3 against a minimum of 4): each depot shows a low mark.
          qty: part === parts[0] ? 3 : s.rng.int(3, 30),
          reason: '年度备件入库',
        });
        await setMinimum(s.ctx, s.actor, depot.id, part.id, spec?.min ?? 0);
      }
    }
    const [main, second] = depots as [string, string | undefined];
    const board = parts[0] as PartTable;
    const onu = parts[4] as PartTable;
    // Parts for real open orders of the vendor: reserved, issued to an engineer and consumed.
    const perVendor = s.scale.name === 'full' ? 3 : 1;
    for (const order of orders.filter((o) => o.partner_id === partner.id).slice(0, perVendor)) {
      const engineer = engineers.find((e) => e.id === order.owner_id) ?? engineers[0];
      if (!engineer) break;
      await move(main, { kind: 'reserve', partId: onu.id, qty: 1, orderId: order.id });
      await move(main, { kind: 'issue', partId: onu.id, qty: 1, orderId: order.id, personId: engineer.id });
      await move(main, { kind: 'consume', partId: onu.id, qty: 1, orderId: order.id, personId: engineer.id });
      await move(main, { kind: 'reserve', partId: board.id, qty: 1, orderId: order.id });
    }
    await move(main, {
      kind: 'return_faulty',
      partId: board.id,
      qty: 1,
      faultCode: 'E-PON-LOS',
      serialNo: `21023${partner.data.code}0917`,
      reason: '业务板 PON 口无光',
    });
    if (second)
      await move(main, { kind: 'transfer', partId: onu.id, qty: 2, toDepotId: second, reason: '调剂库存' });
    await move(main, {
      kind: 'adjust',
      partId: (parts[5] as PartTable).id,
      qty: 12,
      reason: '季度盘点，实物少于账面',
    });
  }
  return movements;
}

async function assets(s: DemoState): Promise<number> {
  let n = 0;
  for (const partner of s.partners) {
    const engineers = s.engineers.filter((e) => e.partnerId === partner.id);
    for (const [k, e] of engineers.entries()) {
      const regionId = prefectureByCode(s, e.prefectureCode).region.id;
      const base = { regionId, partnerId: partner.id, personId: e.id };
      // The last engineer of each vendor still waits for a kit: the page should show the gap.
      if (k < engineers.length - 1) {
        await createAsset(s.ctx, s.actor, {
          ...base,
          kind: 'tool_kit',
          type: 'FIELD_KIT',
          name: '代维工具包',
          serialNo: `KIT-${partner.data.code}-${k + 1}`,
        });
        n += 1;
      }
      const instrument = INSTRUMENTS[k % INSTRUMENTS.length] as (typeof INSTRUMENTS)[number];
      // One lapsed and one due soon per vendor; the rest a good while ahead.
      const due =
        k === 0
          ? addDays(s.today, -9)
          : k === 1
            ? addDays(s.today, 12)
            : addDays(s.today, s.rng.int(60, 300));
      await createAsset(s.ctx, s.actor, {
        ...base,
        kind: 'instrument',
        type: instrument.type,
        name: instrument.name,
        serialNo: `${instrument.type}-${partner.data.code}-${k + 1}`,
        calibrationDue: due,
      });
      n += 1;
    }
    for (const code of partner.data.prefectureCodes) {
      await createAsset(s.ctx, s.actor, {
        kind: 'vehicle',
        type: 'VAN',
        name: `${prefectureByCode(s, code).data.name}抢修车`,
        serialNo: `贵${String.fromCharCode(65 + (Number(code.slice(2, 4)) % 20))}-${partner.data.code}${code.slice(-3)}`,
        regionId: prefectureByCode(s, code).region.id,
        partnerId: partner.id,
      });
      n += 1;
    }
  }
  return n;
}

const HEADER = ['电路编号', '业务类型', '区县', '客户名称', '装机地址', '带宽', '状态'];

async function ledgers(s: DemoState): Promise<string> {
  const perVendor = s.scale.name === 'full' ? 200 : 40;
  let opened = 0;
  for (const partner of s.partners) {
    const counties = partner.data.prefectureCodes.flatMap((c) => prefectureByCode(s, c).counties);
    const lines: string[][] = [];
    for (let i = 0; i < perVendor; i++) {
      const county = counties[i % counties.length]?.data.name ?? '';
      const enterprise = i % 8 === 0;
      lines.push([
        `${partner.data.code}${String(85_100_000 + i)}`,
        enterprise ? '集团专线' : '家庭宽带',
        county,
        enterprise ? `${county}某${s.rng.pick(['医院', '中学', '银行支行', '政务中心'])}` : `用户${i + 1}`,
        `${county}${s.rng.pick(['中华路', '解放路', '人民大道', '新华路'])} ${s.rng.int(1, 300)} 号`,
        enterprise ? '100M' : s.rng.pick(['300M', '500M', '1000M']),
        '在用',
      ]);
    }
    const source = { partnerId: partner.id };
    const otherCounty = (name: string | undefined) =>
      counties.find((c) => c.data.name !== name)?.data.name ?? '';
    await importFile(s.ctx, s.actor, {
      ...source,
      target: 'ledger',
      fileName: `${partner.data.name}用户台账.csv`,
      sha256: `demo-ledger-${partner.data.code}`,
      records: recordsOf([HEADER, ...lines]),
    });
    // EOMS disagrees: three bandwidths, one county (another of the vendor's), two lines EOMS alone has, two it lacks,
    // and one row it spells with a service type nobody knows.
    const eoms = lines
      .filter((_, i) => i !== 5 && i !== 11)
      .map((l, i) =>
        i === 2 || i === 9 || i === 17 ? l.with(5, '2000M') : i === 4 ? l.with(2, otherCounty(l[2])) : l,
      );
    const extra: [string, string, string, string, string][] = [
      ['85199001', '家庭宽带', '用户新装', '新装小区 3 栋', '500M'],
      ['85199002', '集团专线', '某物流园', '物流园 1 号', '200M'],
      ['85199003', '卫星', '某人', '某处', '10M'],
    ];
    for (const [k, [no, kind, name, address, bandwidth]] of extra.entries())
      eoms.push([`${partner.data.code}${no}`, kind, lines[k]?.[2] ?? '', name, address, bandwidth, '在用']);
    const r = await importFile(s.ctx, s.actor, {
      ...source,
      target: 'eoms',
      fileName: `EOMS导出-${partner.data.code}.csv`,
      sha256: `demo-eoms-${partner.data.code}`,
      records: recordsOf([HEADER, ...eoms]),
    });
    opened += r.items_opened;
    const open = await listItems(
      s.ctx,
      { kind: 'all' },
      { partnerId: partner.id, state: 'open', limit: 10, offset: 0 },
    );
    const field = open.find((i) => i.kind === 'field');
    const gone = open.find((i) => i.kind === 'only_ledger');
    if (field)
      await resolveItem(s.ctx, s.actor, field.id, { action: 'correct', note: '经现场核实，按 EOMS 更正' });
    if (gone)
      await resolveItem(s.ctx, s.actor, gone.id, {
        action: 'explain',
        note: '用户已拆机，EOMS 已注销，台账待归档',
      });
  }
  return `${opened} differences`;
}

export const resourcesStep: DemoStep = {
  name: 'resources',
  async run(s) {
    const parts: PartTable[] = [];
    for (const p of PARTS)
      parts.push(
        await createPart(s.ctx, s.actor, { code: p.code, name: p.name, product: p.product, unit: p.unit }),
      );
    const movements = await depotsAndStock(s, parts);
    const assetCount = await assets(s);
    const reconciled = await ledgers(s);
    return `${movements} part movements, ${assetCount} assets, ledgers reconciled with ${reconciled}`;
  },
};
