import { NamedItemsPage } from './named-items.tsx';

export default function SectorsPage() {
  return <NamedItemsPage label="界别" apiPath="/orgs/sectors" description="委员所属的界别，用于委员分组、界别协商和统计。" />;
}
