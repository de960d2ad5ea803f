// Preloaded into the Prisma CLI only. Its WebAssembly schema engine arms a 10-second timer
// (a lock timeout) that is never cleared, so every command sat idle for 10 s before exiting.
// Long timers no longer keep the process alive; open sockets and pending work still do.
const setTimeoutOriginal = globalThis.setTimeout;
globalThis.setTimeout = function setTimeoutUnrefLong(callback, delay, ...args) {
  const timer = setTimeoutOriginal.call(this, callback, delay, ...args);
  if (delay >= 5000 && typeof timer?.unref === "function") timer.unref();
  return timer;
};
