// Every test file: close the servers it left running, even one whose start outlived its hook's timeout (its timers
// would otherwise fire after jest tore the file's environment down). test-server.ts registers the sweep when a file
// uses it, so unit specs do not load the server.
afterAll(async () => {
  await (globalThis as { __closeLeftoverServers?: () => Promise<void> }).__closeLeftoverServers?.();
}, 300_000);
