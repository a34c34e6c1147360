import { SubscribeMessage } from '@nestjs/websockets';
import type { ClassConstructor } from 'class-transformer';
import { DomainError, type Ack, type ClientEventName, type ClientEventPayload, type ClientEventResult } from '@yakuba/contracts';
import type { Principal } from '../auth/principal';
import { mayUseSocketEvent } from '../auth/scope';
import { inputShapeProblem } from '../http/domain/input-shape';
import { validatePayload } from '../http/validation';
import { socketPrincipal, type RealtimeSocket } from './authenticated-io.adapter';
import { ack } from './socket-ack';
import { SOCKET_PAYLOAD_MAX_BYTES } from './socket-limits';

/** Who sent a socket event, and from which socket (tab, device): enough for a service, never the socket itself. */
export interface SocketCaller {
  user: Principal;
  socketId: string;
}

/** `@SubscribeMessage` for an event of the contract's ClientToServerEvents only. */
export const OnSocketEvent = (event: ClientEventName): MethodDecorator => SubscribeMessage(event);

/**
 * The whole of a gateway handler, in the order of an HTTP request: the role permission the event needs
 * (SOCKET_EVENT_PERMISSIONS, what the PermissionsGuard does for routes; Nest guards do not run on socket events),
 * then the payload validated like an HTTP body, then one service call. Its result, or the error it threw, becomes
 * the acknowledgement, typed by the contract.
 */
/** Who records refused socket events in the audit chain (set by RealtimeService, which holds the audit service). */
let recordRefusal: (user: Principal, event: string, message: string, address: string | null) => Promise<void> = async () => undefined;
export function onSocketRefusal(recorder: typeof recordRefusal): void {
  recordRefusal = recorder;
}

/** Who counts socket events as session activity for the idle timeout (set by RealtimeService). */
let recordDone: (event: string, result: string, seconds: number) => void = () => undefined;
/** Every socket event's answer (ok or the error code) and how long it took: the metrics. */
export function onSocketEventDone(recorder: typeof recordDone): void {
  recordDone = recorder;
}

let recordActivity: (user: Principal) => void = () => undefined;
export function onSocketActivity(recorder: typeof recordActivity): void {
  recordActivity = recorder;
}

export function handleSocketEvent<K extends ClientEventName, D extends ClientEventPayload<K> & object>(
  client: RealtimeSocket,
  event: K,
  dto: ClassConstructor<D>,
  payload: unknown,
  run: (dto: D, caller: SocketCaller) => Promise<ClientEventResult<K>> | ClientEventResult<K>,
): Promise<Ack<ClientEventResult<K>>> {
  const started = performance.now();
  return ack(async () => {
    const user = socketPrincipal(client);
    recordActivity(user);
    if (!mayUseSocketEvent(user, event)) {
      await recordRefusal(user, event, 'your role does not allow this', client.data.address);
      throw new DomainError('forbidden', 'your role does not allow this');
    }
    // Depth and NUL first (a payload nested thousands deep cannot even be measured), then the size.
    const shape = inputShapeProblem(payload);
    if (shape) throw new DomainError('bad_request', shape);
    if (Buffer.byteLength(JSON.stringify(payload ?? null)) > SOCKET_PAYLOAD_MAX_BYTES) {
      throw new DomainError('too_large', `the payload is larger than ${SOCKET_PAYLOAD_MAX_BYTES / 1_000_000} MB`);
    }
    try {
      return await run(await validatePayload(dto, payload), { user, socketId: client.id });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'forbidden') await recordRefusal(user, event, error.message, client.data.address);
      throw error;
    }
  }, event).then((answer) => {
    recordDone(event, answer.ok ? 'ok' : answer.error.code, (performance.now() - started) / 1000);
    return answer;
  });
}
