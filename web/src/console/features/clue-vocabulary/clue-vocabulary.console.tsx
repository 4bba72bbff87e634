import { lazy } from 'react';
import { BookOutlined, EnvironmentOutlined, ExperimentOutlined } from '@ant-design/icons';
import type { ConsoleFeature } from '../../module.ts';

const GazetteerPage = lazy(() => import('./gazetteer.page.tsx'));
const VocabularyPage = lazy(() => import('./vocabulary.page.tsx'));
const LearningPage = lazy(() => import('./learning.page.tsx'));

/** What shapes the clue judgements (issue 10): the county's gazetteer, the vocabulary, what the similar-clue model learned. */
export const clueVocabularyConsole: ConsoleFeature = {
  modules: [
    { key: 'clue-gazetteer', label: '地名库', icon: <EnvironmentOutlined />, path: '/clues/gazetteer', order: 16, group: 'clues', permission: 'clue.read', element: <GazetteerPage /> },
    { key: 'clue-vocabulary', label: '词库', icon: <BookOutlined />, path: '/clues/vocabulary', order: 17, group: 'clues', permission: 'clue.read', element: <VocabularyPage /> },
    { key: 'clue-learning', label: '相似模型学习', icon: <ExperimentOutlined />, path: '/clues/learning', order: 18, group: 'clues', permission: 'clue.read', element: <LearningPage /> },
  ],
};
