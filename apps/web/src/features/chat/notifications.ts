/**
 * A desktop notification (mentions, direct messages, urgent disaster messages) when the user allowed them; a click
 * opens the page. `urgent` asks the browser to alert again although a notification with the same tag is still shown
 * (a re-alert replaces the earlier one, which browsers otherwise do silently) and to keep it until it is dealt with.
 */
export function showNotification(title: string, body: string, tag: string, path: string, options: { urgent?: boolean } = {}): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  // `renotify` is in the Notifications standard and in Chromium, not in TypeScript's DOM types.
  const init: NotificationOptions & { renotify?: boolean } = { body: body.slice(0, 140), tag };
  if (options.urgent) Object.assign(init, { renotify: true, requireInteraction: true });
  const n = new Notification(title, init);
  n.onclick = () => {
    window.focus();
    window.location.assign(path);
  };
}
