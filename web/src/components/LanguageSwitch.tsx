/** The language switch: zh-CN / English; the choice persists and the API answers in it. */
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';

/** A labelled select of the console's languages. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Select
      aria-label={t('common.language')}
      size="small"
      value={i18n.language === 'en' ? 'en' : 'zh-CN'}
      style={{ width: 104 }}
      onChange={(v: string) => void i18n.changeLanguage(v)}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
      data-testid="language-switch"
    />
  );
}
