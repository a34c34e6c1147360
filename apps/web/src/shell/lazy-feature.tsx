import { lazy, Suspense, type ComponentType } from 'react';
import { useRoutes, type RouteObject } from 'react-router-dom';

/**
 * A feature's routes (its `routes.tsx` list, unchanged) as a component loaded on first use: the shell mounts it at
 * `<feature>/*` and the list is matched below that, so a feature's code and its libraries (pdf.js, Chart.js) are a
 * chunk of their own.
 */
export function lazyFeature(load: () => Promise<RouteObject[]>): ComponentType {
  const Feature = lazy(() =>
    load().then((routes) => ({
      default: function FeatureRoutes() {
        return useRoutes(routes);
      },
    })),
  );
  return function LazyFeature() {
    return (
      <Suspense fallback={<div className="page muted" aria-busy="true" />}>
        <Feature />
      </Suspense>
    );
  };
}
