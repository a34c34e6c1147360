/**
 * The urgent-message alert: a short two-tone chime made with WebAudio (nothing to download on a closed network).
 * Browsers start an AudioContext only after a user gesture; `primeAlertSound` is called on the first click or key
 * press so that a later alert, arriving with no gesture, can still be heard.
 */
let context: AudioContext | undefined;

function audio(): AudioContext | undefined {
  if (typeof window === 'undefined' || typeof window.AudioContext === 'undefined') return undefined;
  // Before any gesture the browser refuses to start it (and says so in the console): wait for the first one.
  if (!context && navigator.userActivation && !navigator.userActivation.hasBeenActive) return undefined;
  context ??= new window.AudioContext();
  return context;
}

export function primeAlertSound(): void {
  const ctx = audio();
  if (ctx?.state === 'suspended') void ctx.resume().catch(() => undefined);
}

/** Three rising pairs of tones, about 1.5 s: audible over office noise without being a siren. */
export function playAlertSound(): void {
  const ctx = audio();
  if (!ctx) return;
  if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
  const start = ctx.currentTime + 0.05;
  for (let i = 0; i < 3; i++) {
    for (const [offset, frequency] of [
      [0, 880],
      [0.18, 1175],
    ] as const) {
      const at = start + i * 0.5 + offset;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.35, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.16);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 0.17);
    }
  }
}
