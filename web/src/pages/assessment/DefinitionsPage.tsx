/** VA-1 for managers: what each assessment indicator counts, written once on the server. */
import { Card, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDefinitions } from './assessment.ts';

export default function DefinitionsPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const defs = useDefinitions();
  return (
    <Card>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('assessment.definitionsTitle')}
      </Typography.Title>
      <List
        loading={defs.isLoading}
        dataSource={defs.data ?? []}
        renderItem={(d) => (
          <List.Item>
            <List.Item.Meta
              title={
                <>
                  {d.name[locale]}{' '}
                  <Tag>
                    {d.higherIsBetter ? t('assessment.higherIsBetter') : t('assessment.lowerIsBetter')}
                  </Tag>
                  {d.external && <Tag color="purple">{t('assessment.external')}</Tag>}
                </>
              }
              description={d.definition[locale]}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
