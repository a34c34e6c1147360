import { useCallback, useEffect, useState } from 'react';

/**
 * The room's full-screen reading mode: the room covers the app's menu and top bar (CSS, on every browser), and the
 * browser goes full screen too where the Fullscreen API allows it (not on an iPad's Safari). The whole document goes
 * full screen, not the room alone, so that an urgent disaster message still shows over it. Escape, the visible
 * button, or the browser leaving full screen ends the mode.
 */
export function useReadingMode() {
  const [reading, setReading] = useState(false);

  const enter = useCallback(() => {
    setReading(true);
    const root = document.documentElement;
    if (document.fullscreenEnabled && !document.fullscreenElement && root.requestFullscreen)
      void root.requestFullscreen({ navigationUI: 'hide' }).catch(() => undefined);
  }, []);

  const leave = useCallback(() => {
    setReading(false);
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  }, []);

  useEffect(() => {
    if (!reading) return;
    // Escape already used by something on the page (the memo editor cancelling) is not ours.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) leave();
    };
    let wasFullscreen = !!document.fullscreenElement;
    const onFullscreen = () => {
      if (document.fullscreenElement) wasFullscreen = true;
      else if (wasFullscreen) setReading(false);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFullscreen);
    document.body.dataset.meetingReading = 'true';
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFullscreen);
      delete document.body.dataset.meetingReading;
    };
  }, [reading, leave]);

  // Leaving the room (back button, another page) leaves full screen too.
  useEffect(
    () => () => {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    },
    [],
  );

  return { reading, enter, leave, toggle: reading ? leave : enter };
}
