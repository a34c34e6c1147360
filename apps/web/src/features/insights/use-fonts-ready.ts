import { useEffect, useState } from 'react';

/**
 * True once the page's web fonts have loaded. A canvas draws text with fonts already loaded only: a chart made
 * before the bundled Noto Sans JP arrives would show its Japanese labels in a fallback (or as boxes), so charts
 * rebuild their options when this turns true.
 */
export function useFontsReady(): boolean {
  const [ready, setReady] = useState(() => document.fonts?.status === 'loaded');
  useEffect(() => {
    let live = true;
    void document.fonts?.ready.then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, []);
  return ready;
}
