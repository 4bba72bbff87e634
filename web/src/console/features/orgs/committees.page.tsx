import { NamedItemsPage } from './named-items.tsx';

export default function CommitteesPage() {
  return <NamedItemsPage label="专委会" apiPath="/orgs/committees" description="政协的专门委员会，负责提案、协商议题和民主监督事项的组织与认领。" />;
}
