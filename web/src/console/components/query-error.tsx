import { Alert, Button } from 'antd';
import { isApiError } from '../../shared/api.ts';

/** A failed load, said in the server's words (or 加载失败), with 重试. Renders nothing while there is no error. */
export function QueryError({ query, title }: {
  query: { isError: boolean; error: unknown; refetch: () => unknown };
  /** What failed, e.g. 「落实事项加载失败」; the server's message follows it. */
  title?: string;
}) {
  if (!query.isError) return null;
  const msg = isApiError(query.error) ? query.error.message : '加载失败，请检查网络后重试';
  return (
    <Alert type="error" showIcon style={{ marginBottom: 16 }} title={title ? `${title}：${msg}` : msg}
      action={<Button size="small" onClick={() => void query.refetch()}>重试</Button>} />
  );
}
