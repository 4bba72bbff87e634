import { Card, Result, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { usePageTitle } from './page-header.tsx';

/** The page of a module that is not built yet: what it will do, in the words of the design. */
export default function ComingSoon({ title, description, points }: { title: string; description: string; points?: string[] }) {
  usePageTitle(title);
  return (
    <Card>
      <Result
        icon={<ClockCircleOutlined aria-hidden />}
        title={<Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{title} · 即将上线</Typography.Title>}
        subTitle={<span style={{ fontSize: 15, color: 'rgba(0,0,0,0.72)' }}>{description}</span>}
        extra={points && (
          <ul style={{ textAlign: 'left', display: 'inline-block', margin: 0, paddingLeft: 20, lineHeight: 2 }}>
            {points.map((p) => <li key={p}>{p}</li>)}
          </ul>
        )}
      />
    </Card>
  );
}
