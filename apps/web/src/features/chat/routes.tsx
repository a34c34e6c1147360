import { Outlet, type RouteObject } from 'react-router-dom';
import { ChatProvider } from './chat-context';
import { ChatPage } from './chat-page';
import { SearchPage } from './search-page';

function ChatRoot() {
  return (
    <ChatProvider>
      <Outlet />
    </ChatProvider>
  );
}

/** Mounted under /chat by the shell. */
export const chatRoutes: RouteObject[] = [
  {
    element: <ChatRoot />,
    children: [
      { index: true, element: <ChatPage /> },
      { path: 'search', element: <SearchPage /> },
      { path: ':channelId', element: <ChatPage /> },
    ],
  },
];
