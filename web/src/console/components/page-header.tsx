import { useEffect, type ReactNode } from 'react';
import { Flex, Typography } from 'antd';

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · 协商`;
  }, [title]);
}

/** Each page's one h1, a line of explanation and its main actions. */
export function PageHeader({ title, description, extra }: { title: string; description?: ReactNode; extra?: ReactNode }) {
  usePageTitle(title);
  return (
    <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 16 }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{title}</Typography.Title>
        {description && <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{description}</Typography.Paragraph>}
      </div>
      {extra && <Flex gap={8} wrap>{extra}</Flex>}
    </Flex>
  );
}
