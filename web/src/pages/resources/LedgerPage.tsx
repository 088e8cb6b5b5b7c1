/**
 * The subscriber ledger reconciled with EOMS (RS-7): import a file, see each import's refused
 * rows, and work through the differences. Own staff choose the partner; a partner's people
 * work on their own ledger only (the server holds them to it).
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { listKeys } from '../../queries/lists.ts';
import { resourceKeys } from '../../queries/resources.ts';
import { has, useMe } from '../../session.ts';
import { formatTime } from '../../time.ts';
import { type ImportReport, LedgerImport, RejectedRows } from './LedgerImport.tsx';
import { LedgerItems } from './LedgerItems.tsx';

function Imports({ partnerId }: { partnerId: string | undefined }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const imports = useQuery({
    queryKey: resourceKeys.ledgerImports,
    queryFn: () =>
      api<{ items: (ImportReport & { partnerId: string })[] }>('GET', '/api/v1/ledger-imports?limit=20'),
  });
  const report = useQuery({
    queryKey: resourceKeys.ledgerImport(open),
    enabled: open !== null,
    queryFn: () => api<ImportReport>('GET', `/api/v1/ledger-imports/${open}`),
  });
  const rows = (imports.data?.items ?? []).filter((i) => !partnerId || i.partnerId === partnerId);
  return (
    <>
      <Table
        rowKey="id"
        size="small"
        loading={imports.isPending}
        dataSource={rows}
        pagination={false}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('resources.ledger.at'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
          { title: t('resources.ledger.fileName'), dataIndex: 'fileName' },
          {
            title: t('resources.ledger.target'),
            dataIndex: 'target',
            render: (v: string) => t(`resources.ledger.targets.${v}`),
          },
          { title: t('resources.ledger.rowsRead'), dataIndex: 'rowsRead' },
          { title: t('resources.ledger.rowsRejected'), dataIndex: 'rowsRejected' },
          { title: t('resources.ledger.itemsOpened'), dataIndex: 'itemsOpened' },
          { title: t('resources.ledger.itemsClosed'), dataIndex: 'itemsClosed' },
        ]}
      />
      {report.data && open && (
        <Card
          size="small"
          title={`${t('resources.ledger.rejected')} · ${report.data.fileName}`}
          style={{ marginTop: 12 }}
        >
          <RejectedRows report={report.data} />
        </Card>
      )}
    </>
  );
}

/** The reconciliation page. */
export default function LedgerPage() {
  const { t } = useTranslation();
  const me = useMe();
  const own = me.data?.partnerId ?? undefined;
  const partners = useQuery({
    queryKey: listKeys.ref('/api/v1/partners?limit=500'),
    enabled: !own && has(me.data, 'reference.read'),
    queryFn: () => api<{ items: { id: string; name: string }[] }>('GET', '/api/v1/partners?limit=500'),
  });
  const [chosen, setChosen] = useState<string | undefined>();
  const partnerId = own ?? chosen ?? partners.data?.items[0]?.id;
  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>{t('resources.ledger.nav')}</h1>}
      extra={
        !own && (
          <Select
            aria-label={t('resources.ledger.partner')}
            style={{ width: 240 }}
            value={partnerId}
            onChange={setChosen}
            options={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        )
      }
    >
      <Card type="inner" title={t('resources.ledger.import')} style={{ marginBottom: 16 }}>
        <LedgerImport partnerId={partnerId} />
      </Card>
      <Card type="inner" title={t('resources.ledger.items')} style={{ marginBottom: 16 }}>
        <LedgerItems key={partnerId} partnerId={partnerId} />
      </Card>
      <Card type="inner" title={t('resources.ledger.imports')}>
        <Imports partnerId={partnerId} />
      </Card>
    </Card>
  );
}
