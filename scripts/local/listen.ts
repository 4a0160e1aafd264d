import type { Server } from 'node:http';

export interface Listening {
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:port; close() stops accepting, drops open connections, then runs `cleanUp`. */
export async function listen(server: Server, port: number, cleanUp: () => void = () => {}): Promise<Listening> {
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        cleanUp();
      }),
  };
}
