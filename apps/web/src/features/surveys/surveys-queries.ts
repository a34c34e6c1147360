import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ResultsQuery, SurveyDetail } from '@yakuba/contracts';
import { surveysApi } from './surveys-api';

/** Surveys through the query cache: my invitations, the builder's list, each survey, its form and its results. */
export const surveysKeys = {
  all: ['surveys'] as const,
  mine: ['surveys', 'mine'] as const,
  list: ['surveys', 'list'] as const,
  templates: ['surveys', 'templates'] as const,
  detail: (id: string) => ['surveys', 'detail', id] as const,
  form: (id: string) => ['surveys', 'form', id] as const,
  results: (id: string, q: ResultsQuery) => ['surveys', 'results', id, q] as const,
};

/** Invitations change when a survey opens or closes: a short stale time keeps the badge honest. */
export const mySurveysQuery = { queryKey: surveysKeys.mine, queryFn: surveysApi.mine, staleTime: 15_000 };
export const surveyListQuery = { queryKey: surveysKeys.list, queryFn: surveysApi.list };
export const templatesQuery = { queryKey: surveysKeys.templates, queryFn: surveysApi.templates, staleTime: 10 * 60_000 };
export const surveyQuery = (id: string) => ({ queryKey: surveysKeys.detail(id), queryFn: () => surveysApi.get(id), enabled: !!id });
export const surveyFormQuery = (id: string) => ({ queryKey: surveysKeys.form(id), queryFn: () => surveysApi.form(id), staleTime: 0 });
export const resultsQuery = (id: string, q: ResultsQuery) => ({
  queryKey: surveysKeys.results(id, q),
  queryFn: () => surveysApi.results(id, q),
  staleTime: 10_000,
});

/** After a write: the answer into the cache, and every list, form and result marked stale. */
export function useSurveyChanged(): (next?: SurveyDetail) => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(
    async (next?: SurveyDetail) => {
      if (next) queryClient.setQueryData(surveysKeys.detail(next.id), next);
      await queryClient.invalidateQueries({ queryKey: surveysKeys.all });
    },
    [queryClient],
  );
}
