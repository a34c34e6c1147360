// The floor of the load benchmarks: a bare socket.io server with no authentication and no database. A client joins
// rooms with 'join' and sends with 'send' { room, ...payload }; every socket in the room (the sender included)
// receives 'message' { message }, and the sender gets an acknowledgement, like chat:send / meeting:present.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

// RELAY_PG_URL set: the "durable relay" variant — each 'send' is INSERTed and committed in PostgreSQL before it is
// relayed and acknowledged (one statement, one commit: the least a durable chat must do). RELAY_PG_FLUSH=off: the
// same with synchronous_commit off, i.e. the round trip to PostgreSQL without waiting for the WAL flush (not durable:
// it only shows what the round trip itself costs).
const pgUrl = process.env.RELAY_PG_URL;
let db;
if (pgUrl) {
  const { default: pg } = await import('pg');
  const options = process.env.RELAY_PG_FLUSH === 'off' ? '-c synchronous_commit=off' : undefined;
  // Its connections opened at start and kept (never closed for being idle), as Yakuba's pool is: the floor pays no
  // connection start-up when a burst follows a quiet spell.
  db = new pg.Pool({ connectionString: pgUrl, max: 10, min: 10, options });
  await db.query('CREATE TABLE IF NOT EXISTS bench_relay_messages (id bigserial PRIMARY KEY, room text NOT NULL, body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');
  const opened = await Promise.all(Array.from({ length: 10 }, () => db.connect()));
  for (const client of opened) client.release();
}

const http = createServer();
const io = new Server(http, { serveClient: false, cors: { origin: false } });
let seq = 0;
io.on('connection', (socket) => {
  socket.on('join', (rooms, ack) => {
    socket.join(rooms);
    ack?.({ ok: true });
  });
  socket.on('send', async (payload, ack) => {
    const { room, ...rest } = payload ?? {};
    let message = { ...rest, seq: ++seq, createdAt: new Date().toISOString() };
    if (db) {
      try {
        const { rows } = await db.query('INSERT INTO bench_relay_messages (room, body) VALUES ($1, $2) RETURNING id, created_at', [String(room), rest]);
        message = { ...message, id: rows[0].id, createdAt: rows[0].created_at };
      } catch (error) {
        return ack?.({ ok: false, error: { code: 'db', message: String(error.message) } });
      }
    }
    io.to(String(room)).emit('message', { message });
    ack?.({ ok: true, message });
  });
});
http.listen(0, '127.0.0.1', () => console.log(`listening ${http.address().port}`));
const stop = () => io.close(() => (db ? db.end() : Promise.resolve()).finally(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
