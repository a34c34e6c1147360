/** A desktop notification (mentions and direct messages) when the user allowed them; a click opens the channel. */
export function showNotification(title: string, body: string, tag: string, path: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const n = new Notification(title, { body: body.slice(0, 140), tag });
  n.onclick = () => {
    window.focus();
    window.location.assign(path);
  };
}
