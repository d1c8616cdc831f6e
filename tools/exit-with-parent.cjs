// Preloaded (`node -r ./tools/exit-with-parent.cjs ...`) into the processes that tests and the
// stress command start: when the process that started it is gone (a Jest worker killed, a run
// stopped with Ctrl-C or SIGKILL) it ends too, instead of running on against a deleted folder.
// process.ppid is read once at start in Node, so the parent is probed with signal 0.
const parent = process.ppid;

setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    process.kill(process.pid, 'SIGKILL');
  }
}, 500).unref();
