import { showAppNotification } from '../../shell/service-worker-client';

/**
 * A desktop notification (mentions, direct messages, urgent disaster messages) when the user allowed them; a click
 * opens the page. Shown through the service worker (shell/service-worker-client.ts). `urgent` asks the browser to
 * alert again although a notification with the same tag is still shown and to keep it until it is dealt with.
 */
export function showNotification(title: string, body: string, tag: string, path: string, options: { urgent?: boolean } = {}): void {
  showAppNotification(title, body, tag, path, options);
}
