/**
 * How a server child (`bareKoaChild.ts`, `appChild.ts`) talks to the bench: it sends `ServerReady` over IPC
 * once listening and stops on `"stop"` or when the parent goes away. The servers run in their own process
 * so autocannon (in the parent) never shares their event loop.
 */

/** One load connection's own application: cookie, id and the revision to save on. */
export interface SaveSlot {
  cookie: string;
  applicationId: string;
  rev: number;
}

/** What a child sends once listening; the real app adds one slot per connection and the section saved. */
export interface ServerReady {
  url: string;
  slots: SaveSlot[];
  sectionKey: string;
  sectionData: unknown;
}

/** A started server as a child holds it; `ready` is what the parent is sent (`ServerReady` unless said). */
export interface RunningServer<R = ServerReady> {
  ready: R;
  close(): Promise<void>;
}

/** Starts the child's server, reports it to the parent and closes it when told to (or orphaned). */
export function serveForBench<R = ServerReady>(start: () => Promise<RunningServer<R>>): void {
  start()
    .then((running) => {
      const stop = async () => {
        await running.close();
        process.exit(0);
      };
      process.on("message", (message) => {
        if (message === "stop") void stop();
      });
      // The parent crashed or was interrupted: never leave a server behind.
      process.on("disconnect", () => void stop());
      process.send!(running.ready);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
