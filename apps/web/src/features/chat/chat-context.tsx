import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { getSocket } from '../../api/socket';
import { useSession } from '../../auth/session';
import { ChatStore } from './chat-store';

const ChatContext = createContext<ChatStore | null>(null);

/** One store per signed-in user and tab, living as long as the chat pages are shown. */
export function ChatProvider({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const [store, setStore] = useState<ChatStore | null>(null);
  useEffect(() => {
    if (!user) return;
    const next = new ChatStore({ id: user.id, username: user.username, displayName: user.displayName }, getSocket());
    next.start();
    setStore(next);
    return () => next.stop();
  }, [user]);
  if (!store) return null;
  return <ChatContext.Provider value={store}>{children}</ChatContext.Provider>;
}

/** The store, re-rendering the caller whenever it changes. */
export function useChat(): ChatStore {
  const store = useContext(ChatContext);
  if (!store) throw new Error('useChat outside ChatProvider');
  useSyncExternalStore(store.subscribe, store.getVersion);
  return store;
}
