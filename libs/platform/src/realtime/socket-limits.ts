/**
 * The largest payload a socket event may carry: answered `too_large`. socket.io itself (maxHttpBufferSize, four
 * times this) only closes the connection of a client that sends far more, without an answer.
 */
export const SOCKET_PAYLOAD_MAX_BYTES = 1_000_000;
