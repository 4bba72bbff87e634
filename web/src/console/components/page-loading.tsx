import { Spin } from 'antd';

export function PageLoading() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: 240 }}>
      <Spin size="large" tip="正在加载…"><div style={{ padding: 48 }} /></Spin>
    </div>
  );
}
