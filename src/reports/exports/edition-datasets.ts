import { correlationsDataset, themesDataset } from './datasets/aggregates.datasets.ts';
import { assessmentsDataset } from './datasets/assessments.dataset.ts';
import { authoritiesDataset } from './datasets/authorities.dataset.ts';
import type { Dataset } from './datasets/dataset.ts';
import { indicatorsDataset } from './datasets/indicators.dataset.ts';

/** What an edition publishes as open data, in this order. */
export const EDITION_DATASETS: readonly Dataset[] = [
  authoritiesDataset,
  assessmentsDataset,
  indicatorsDataset,
  themesDataset,
  correlationsDataset,
];
